#include "DemoDataGenerator.h"

#include "ProductCatalogGenerator.h"
#include "WordLists.h"
#include "models/core/PgArray.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/settings/AppStateStore.h"
#include "models/staff/PasswordHash.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QLoggingCategory>
#include <QSqlError>

#include <future>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDemo, "shopdesk.demo")

namespace shopdesk {

namespace {

// The advisory lock two starts loading demo data into one database take in turn.
constexpr qint64 kDemoLockKey = 0x53686f7044656d6f; // "ShopDemo"

// Secondary indexes and foreign-key checks slow a bulk load down several
// times over (each row updates every index and looks up every referenced
// row). They are dropped before the load and put back afterwards, in the same
// transaction: building an index or validating a foreign key once over the
// whole table is far cheaper, and a failure still rolls everything back.
class SuspendedConstraints
{
public:
    static Result<SuspendedConstraints> drop(const QSqlDatabase &db, const QString &table)
    {
        SuspendedConstraints suspended;
        suspended.m_table = table;
        auto indexes = Sql::run(db,
                                u"SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                                "JOIN pg_class i ON i.oid = x.indexrelid "
                                "WHERE x.indrelid = ?::regclass AND NOT EXISTS "
                                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"_s,
                                {table});
        if (!indexes)
            return indexes.error();
        QStringList drops;
        while (indexes.value().next()) {
            suspended.m_restore.append(indexes.value().value(1).toString());
            drops.append(u"DROP INDEX %1"_s.arg(indexes.value().value(0).toString()));
        }
        auto keys = Sql::run(db,
                             u"SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                             "WHERE conrelid = ?::regclass AND contype = 'f'"_s,
                             {table});
        if (!keys)
            return keys.error();
        while (keys.value().next()) {
            const QString name = keys.value().value(0).toString();
            suspended.m_restore.append(u"ALTER TABLE %1 ADD CONSTRAINT %2 %3"_s.arg(
                table, name, keys.value().value(1).toString()));
            drops.append(u"ALTER TABLE %1 DROP CONSTRAINT %2"_s.arg(table, name));
        }
        for (const QString &sql : std::as_const(drops)) {
            if (auto dropped = Sql::run(db, sql); !dropped)
                return dropped.error();
        }
        return suspended;
    }

    Result<void> restore(const QSqlDatabase &db) const
    {
        QElapsedTimer timer;
        timer.start();
        for (const QString &sql : m_restore) {
            if (auto made = Sql::run(db, sql); !made)
                return made.error();
        }
        qCInfo(lcDemo) << "restored" << m_restore.size() << "indexes and foreign keys of" << m_table
                       << "in" << timer.elapsed() << "ms";
        return {};
    }

private:
    QString m_table;
    QStringList m_restore;
};

} // namespace

DemoDataGenerator::DemoDataGenerator(DbConfig config, DemoOptions options)
    : m_config(std::move(config)), m_options(options)
{
}

QList<DemoAccount> DemoDataGenerator::accounts()
{
    return {
        {u"admin"_s, u"admin123"_s, Role::Admin, u"Анна Администратова"_s},
        {u"manager"_s, u"manager123"_s, Role::Manager, u"Михаил Руководов"_s},
        {u"keeper"_s, u"keeper123"_s, Role::StockKeeper, u"Степан Складов"_s},
        {u"cashier"_s, u"cashier123"_s, Role::Cashier, u"Ксения Кассирова"_s},
        {u"cashier2"_s, u"cashier123"_s, Role::Cashier, u"Kate Cashman"_s},
        {u"office"_s, u"office123"_s, Role::HeadOffice, u"Ольга Офисная"_s},
    };
}

std::optional<StoreError> DemoDataGenerator::validate(const DemoOptions &options)
{
    if (options.customers < 0 || options.customers > DemoOptions::kMaxCustomers)
        return StoreError::invalid(u"customers"_s,
                                   tr("The number of customers must be between 0 and %1.")
                                       .arg(DemoOptions::kMaxCustomers));
    if (options.history < 0 || options.history > DemoOptions::kMaxHistory)
        return StoreError::invalid(u"history"_s,
                                   tr("The number of history rows must be between 0 and %1.")
                                       .arg(DemoOptions::kMaxHistory));
    if (options.products < 1 || options.products > DemoOptions::kMaxProducts)
        return StoreError::invalid(
            u"products"_s,
            tr("The number of products must be between 1 and %1.").arg(DemoOptions::kMaxProducts));
    return std::nullopt;
}

Result<qint64> DemoDataGenerator::existingRows(QSqlDatabase db)
{
    auto count = Sql::scalar(db,
                             u"SELECT (SELECT count(*) FROM shops) + (SELECT count(*) FROM "
                             "staff) + (SELECT count(*) FROM products) + (SELECT count(*) "
                             "FROM customers) + (SELECT count(*) FROM orders)"_s);
    if (!count)
        return count.error();
    return count.value().toLongLong();
}

void DemoDataGenerator::cancel()
{
    m_cancelled = true;
    // A long INSERT ... SELECT cannot be interrupted from its own connection.
    if (const qint64 pid = m_backendPid.load()) {
        ScopedConnection conn(m_config, u"demo-cancel"_s);
        if (conn.isOpen() && !Sql::run(conn.db(), u"SELECT pg_cancel_backend(?)"_s, {pid}))
            qCWarning(lcDemo) << "could not interrupt the demo data statement";
    }
}

Result<DemoSummary> DemoDataGenerator::run(const Progress &progress)
{
    if (auto invalid = validate(m_options))
        return *invalid;
    ScopedConnection conn(m_config, u"demo"_s);
    if (!conn.isOpen())
        return StoreError::database(conn.errorText());
    QSqlDatabase db = conn.db();
    if (auto pid = Sql::scalar(db, u"SELECT pg_backend_pid()"_s))
        m_backendPid = pid.value().toLongLong();

    if (!db.transaction())
        return StoreError::database(db.lastError());
    m_foundLoaded = false;
    // Two starts with --demo on one database (two tills started at once):
    // the second waits for the first instead of colliding with it, which
    // ended in "deadlock detected" or in "already holds data" about the
    // demo data the first had just loaded. Held until this transaction ends.
    auto mine = Sql::scalar(db, u"SELECT pg_try_advisory_xact_lock(?)"_s, {kDemoLockKey});
    if (mine && !mine.value().toBool()) {
        if (progress)
            progress(0, tr("Waiting for another ShopDesk that is loading the demo data…"));
        mine = Sql::scalar(db, u"SELECT pg_advisory_xact_lock(?)"_s, {kDemoLockKey});
        if (mine && !m_options.force) {
            auto flag = AppStateStore(db).value(QString::fromLatin1(AppStateStore::kDemoData));
            if (!flag) {
                mine = flag.error();
            } else if (flag.value() == u"true"_s) {
                // The other start loaded it: use it as it is.
                db.rollback();
                m_backendPid = 0;
                m_foundLoaded = true;
                return summarize(db);
            }
        }
    }
    if (!mine) {
        db.rollback();
        m_backendPid = 0;
        if (cancelled())
            return StoreError::cancelled(
                tr("Loading demo data was cancelled; nothing was changed."));
        return mine.error();
    }
    Result<void> filled = fill(db, progress);
    if (!filled || cancelled()) {
        db.rollback();
        m_backendPid = 0;
        if (cancelled())
            return StoreError::cancelled(
                tr("Loading demo data was cancelled; nothing was changed."));
        return filled.error();
    }
    if (!db.commit()) {
        const QSqlError error = db.lastError();
        db.rollback();
        return StoreError::database(error);
    }
    m_backendPid = 0;

    if (progress)
        progress(98, tr("Updating statistics…"));
    // Fresh statistics so the first queries on the new data get good plans.
    if (auto analyzed = Sql::run(db, u"ANALYZE"_s); !analyzed)
        qCWarning(lcDemo).noquote() << analyzed.error().message;

    const DemoSummary summary = summarize(db);
    if (progress)
        progress(100, tr("Demo data loaded."));
    return summary;
}

DemoSummary DemoDataGenerator::summarize(QSqlDatabase db)
{
    DemoSummary summary;
    auto count = [&db](const QString &table) {
        auto n = Sql::scalar(db, u"SELECT count(*) FROM %1"_s.arg(table));
        return n ? n.value().toLongLong() : -1;
    };
    summary.shops = count(u"shops"_s);
    summary.staff = count(u"staff"_s);
    summary.products = count(u"products"_s);
    summary.stocks = count(u"stocks"_s);
    summary.history = count(u"history"_s);
    summary.customers = count(u"customers"_s);
    return summary;
}

Result<void> DemoDataGenerator::fill(QSqlDatabase db, const Progress &progress)
{
    auto report = [&](int percent, const QString &step) {
        qCInfo(lcDemo).noquote() << percent << step;
        if (progress)
            progress(percent, step);
        return !cancelled();
    };
    // Passwords are hashed on another thread while the server works.
    auto staffHashes = std::async(std::launch::async, [] {
        QStringList hashes;
        for (const DemoAccount &a : accounts())
            hashes << PasswordHash::hash(a.password);
        return hashes;
    });

    auto existing = existingRows(db);
    if (!existing)
        return existing.error();
    if (existing.value() > 0) {
        if (!m_options.force)
            return StoreError::conflict(
                tr("The database already holds data, so demo data was not loaded. Demo data "
                   "goes only into an empty database; use --force to delete everything in "
                   "it and load demo data instead."));
        if (!report(1, tr("Deleting the existing data…")))
            return {};
        if (auto cleared = clearAll(db); !cleared)
            return cleared;
    }
    // Server-side random() repeats for the same seed: the same options give the same data.
    for (const auto &[sql, values] : QList<QPair<QString, QVariantList>> {
             {u"SELECT setseed(?)"_s, {double(m_options.seed % 1000) / 1000.0}},
             {u"SET LOCAL maintenance_work_mem = '256MB'"_s, {}}}) {
        if (auto done = Sql::run(db, sql, values); !done)
            return done.error();
    }

    if (!report(2, tr("Creating shops and staff…")))
        return {};
    if (auto shops = insertShops(db); !shops)
        return shops;
    QList<qint64> staffIds;
    {
        const QStringList hashes = staffHashes.get();
        const QList<DemoAccount> list = accounts();
        for (qsizetype i = 0; i < list.size(); ++i) {
            auto id =
                Sql::scalar(db,
                            u"INSERT INTO staff (login, display_name, role, password_hash) "
                            "VALUES (?, ?, ?, ?) RETURNING id"_s,
                            {list[i].login, list[i].displayName, roleKey(list[i].role), hashes[i]});
            if (!id)
                return id.error();
            staffIds << id.value().toLongLong();
        }
    }

    if (!report(5, tr("Creating %Ln product(s) and their stock…", nullptr, m_options.products)))
        return {};
    if (auto products = insertProductsAndStock(db); !products)
        return products;

    // History and customers are the bulk; share the bar between them by size.
    const double total = double(m_options.history) * 3 + double(m_options.customers) + 1;
    const int historyEnd = 10 + int(85 * (double(m_options.history) * 3 / total));
    if (!report(10, tr("Writing %Ln history row(s)…", nullptr, int(m_options.history))))
        return {};
    if (auto history = insertHistory(db, staffIds); !history)
        return history;

    if (!report(historyEnd, tr("Creating %Ln customer(s)…", nullptr, int(m_options.customers))))
        return {};
    if (auto customers = insertCustomers(db); !customers)
        return customers;

    return AppStateStore(db).setValue(QString::fromLatin1(AppStateStore::kDemoData), u"true"_s);
}

Result<void> DemoDataGenerator::clearAll(QSqlDatabase db)
{
    auto done = Sql::run(db,
                         u"TRUNCATE history, order_lines, orders, stocks, products, categories, "
                         "customers, "
                         "promo_codes, outbox, sync_state, staff, shops, app_state, suppliers "
                         "RESTART IDENTITY CASCADE"_s);
    if (!done)
        return done.error();
    return {};
}

Result<void> DemoDataGenerator::insertShops(QSqlDatabase db)
{
    auto done = Sql::run(db,
                         u"INSERT INTO shops (code, name, address, time_zone) VALUES "
                         "('MSK-01', 'ShopDesk Тверская', 'Москва, ул. Тверская, 12', "
                         "'Europe/Moscow'), "
                         "('SPB-01', 'ShopDesk Невский', 'Санкт-Петербург, Невский пр., 48', "
                         "'Europe/Moscow'), "
                         "('EKB-01', 'ShopDesk Плотинка', 'Екатеринбург, ул. Ленина, 5', "
                         "'Asia/Yekaterinburg')"_s);
    if (!done)
        return done.error();
    return {};
}

Result<void> DemoDataGenerator::insertProductsAndStock(QSqlDatabase db)
{
    auto products = ProductCatalogGenerator(m_options.seed).generate(m_options.products);
    if (!products)
        return products.error();
    QStringList plus, barcodes, names;
    QList<qint64> prices;
    for (const DemoProduct &p : products.value()) {
        plus << p.plu;
        barcodes << p.barcode;
        names << p.name;
        prices << p.price;
    }
    auto inserted = Sql::run(db,
                             u"INSERT INTO products (plu, barcode, name, price, created_at) "
                             "SELECT plu, barcode, name, price, now() - interval '182 days' "
                             "FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[]) "
                             "AS p(plu, barcode, name, price)"_s,
                             {PgArray::text(plus), PgArray::text(barcodes), PgArray::text(names),
                              PgArray::integers(prices)});
    if (!inserted)
        return inserted.error();
    if (auto categorised = insertCategories(db, products.value()); !categorised)
        return categorised;
    // Most lines are well stocked, some run low and a few are sold out.
    auto stocked =
        Sql::run(db,
                 u"INSERT INTO stocks (product_id, shop_id, shelf_qty, cost) "
                 "SELECT product_id, shop_id, CASE WHEN r < 0.05 THEN 0 "
                 "  WHEN r < 0.15 THEN floor(random() * 5)::int "
                 "  ELSE 5 + floor(random() * 120)::int END, "
                 // What the shop paid: 55 to 80 % of the price, as a margin
                 // report of a real shop shows.
                 "  round(price * (0.55 + random() * 0.25))::bigint "
                 "FROM (SELECT p.id AS product_id, s.id AS shop_id, p.price, random() AS r "
                 "  FROM shops s CROSS JOIN products p ORDER BY s.id, p.id OFFSET 0) x"_s);
    if (!stocked)
        return stocked.error();
    // The suppliers deliveries come from.
    auto suppliers = Sql::run(db,
                              u"INSERT INTO suppliers (name, tax_id, contacts) VALUES "
                              "('ООО «Молочные реки»', '7701234567', 'Анна, +7 495 100-20-30'), "
                              "('ООО «Бакалея-Опт»', '7712345678', 'Игорь, +7 495 200-30-40'), "
                              "('ИП Смирнов А. В.', '500100732259', 'opt@smirnov.example')"_s);
    if (!suppliers)
        return suppliers.error();
    return {};
}

Result<void> DemoDataGenerator::insertCategories(QSqlDatabase db,
                                                 const QList<DemoProduct> &products)
{
    // A small tree over the catalog's kinds of goods (products.txt's first
    // column), parents before their children.
    struct Node
    {
        const char *key;
        const char *name;
        const char *parent;
    };
    static const Node tree[] = {
        {"food", "Продукты", nullptr},
        {"grocery", "Бакалея", "food"},
        {"dairy", "Молочные продукты", "food"},
        {"meat", "Мясо", "food"},
        {"fish", "Рыба", "food"},
        {"bakery", "Хлеб и выпечка", "food"},
        {"frozen", "Заморозка", "food"},
        {"sweets", "Сладости", "food"},
        {"snacks", "Снеки", "food"},
        {"produce", "Фрукты и овощи", "food"},
        {"fruit", "Фрукты", "produce"},
        {"vegetables", "Овощи", "produce"},
        {"drinks_all", "Напитки", nullptr},
        {"drinks", "Воды и соки", "drinks_all"},
        {"alcohol_free", "Безалкогольные", "drinks_all"},
        {"coffee_tea", "Кофе и чай", "drinks_all"},
        {"home", "Для дома", nullptr},
        {"household", "Хозяйственные товары", "home"},
        {"cosmetics", "Косметика и гигиена", "home"},
        {"baby", "Детские товары", nullptr},
        {"pets", "Зоотовары", nullptr},
    };
    QHash<QString, qint64> ids;
    for (const Node &node : tree) {
        const QString parent = node.parent ? QString::fromLatin1(node.parent) : QString();
        auto made =
            Sql::run(db, u"INSERT INTO categories (parent_id, name) VALUES (?, ?) RETURNING id"_s,
                     {parent.isEmpty() ? QVariant(QMetaType::fromType<qint64>())
                                       : QVariant(ids.value(parent)),
                      QString::fromUtf8(node.name)});
        if (!made)
            return made.error();
        made.value().next();
        ids.insert(QString::fromLatin1(node.key), made.value().value(0).toLongLong());
    }
    QStringList plus;
    QList<qint64> categories;
    for (const DemoProduct &p : products) {
        if (const qint64 id = ids.value(p.category)) {
            plus << p.plu;
            categories << id;
        }
    }
    auto placed = Sql::run(db,
                           u"UPDATE products p SET category_id = c.category "
                           "FROM unnest(?::text[], ?::bigint[]) AS c(plu, category) "
                           "WHERE p.plu = c.plu"_s,
                           {PgArray::text(plus), PgArray::integers(categories)});
    if (!placed)
        return placed.error();
    return {};
}

Result<void> DemoDataGenerator::insertHistory(QSqlDatabase db, const QList<qint64> &staffIds)
{
    // staffIds follow accounts(): admin, manager, keeper, cashier, cashier2.
    const qint64 admin = staffIds.value(0), keeper = staffIds.value(2);
    const QString cashiers = PgArray::integers({staffIds.value(3), staffIds.value(4)});

    auto suspended = SuspendedConstraints::drop(db, u"history"_s);
    if (!suspended)
        return suspended.error();

    const QStringList steps = {
        u"CREATE TEMP TABLE demo_stock ON COMMIT DROP AS "
        "SELECT row_number() OVER (ORDER BY s.id)::int AS idx, s.id AS stock_id, s.product_id, "
        "s.shop_id, p.plu, s.shelf_qty FROM stocks s JOIN products p ON p.id = s.product_id"_s,
        // Random movements: mostly sales, regular deliveries, some write-offs,
        // returns and stocktake corrections.
        u"CREATE TEMP TABLE demo_events ON COMMIT DROP AS "
        "SELECT seq, idx, at, action, r3, (CASE action "
        "  WHEN 'sold' THEN -(1 + floor(r2 * 3)) "
        "  WHEN 'stock_increased' THEN 10 + floor(r2 * 31) "
        "  WHEN 'stock_decreased' THEN -(1 + floor(r2 * 5)) "
        "  WHEN 'returned' THEN 1 "
        "  ELSE floor(r2 * 5) - 2 END)::int AS delta "
        "FROM (SELECT seq, idx, at, r2, r3, "
        "    CASE WHEN r1 < 0.80 THEN 'sold' WHEN r1 < 0.88 THEN 'stock_increased' "
        "      WHEN r1 < 0.93 THEN 'stock_decreased' WHEN r1 < 0.95 THEN 'returned' "
        "      ELSE 'stocktake' END AS action "
        "  FROM (SELECT g AS seq, random() AS r1, random() AS r2, random() AS r3, "
        "      1 + floor(random() * (SELECT count(*) FROM demo_stock))::int AS idx, "
        "      now() - random() * interval '180 days' AS at "
        "    FROM generate_series(1, %1) g OFFSET 0) x OFFSET 0) e"_s.arg(m_options.history),
        // Walk each stock's movements in time order. The starting quantity is
        // chosen so the walk never goes below zero, which makes every row's
        // "after" quantities true and the last one today's stock.
        u"CREATE TEMP TABLE demo_walk ON COMMIT DROP AS "
        "SELECT seq, idx, at, action, delta, r3, "
        "  prefix + base AS shelf_after, base, rn = cnt AS is_last "
        "FROM (SELECT *, (idx % 7) - least(0, min(prefix) OVER (PARTITION BY idx)) AS base "
        "  FROM (SELECT *, sum(delta) OVER w AS prefix, row_number() OVER w AS rn, "
        "    count(*) OVER (PARTITION BY idx) AS cnt "
        "    FROM demo_events WINDOW w AS (PARTITION BY idx ORDER BY at, seq)) p) b"_s,
        u"INSERT INTO history (at, shop_id, product_id, plu, action, staff_id) "
        "SELECT now() - interval '182 days', NULL, id, plu, 'product_created', %1 "
        "FROM products ORDER BY id"_s.arg(admin),
        u"INSERT INTO history (at, shop_id, product_id, plu, action, shelf_delta, shelf_after, "
        "  order_after, staff_id) "
        "SELECT now() - interval '181 days', s.shop_id, s.product_id, s.plu, 'stock_created', "
        "  coalesce(w.base, s.shelf_qty), coalesce(w.base, s.shelf_qty), 0, %1 "
        "FROM demo_stock s LEFT JOIN demo_walk w ON w.idx = s.idx AND w.is_last "
        "ORDER BY s.idx"_s.arg(keeper),
        u"INSERT INTO history (at, shop_id, product_id, plu, action, shelf_delta, shelf_after, "
        "  order_after, staff_id, reason) "
        "SELECT w.at, s.shop_id, s.product_id, s.plu, w.action, w.delta, w.shelf_after, 0, "
        "  CASE WHEN w.action IN ('sold', 'returned') "
        "    THEN ('%1'::bigint[])[1 + w.seq % 2] ELSE %2 END, "
        "  CASE w.action WHEN 'stock_increased' THEN 'Поставка' "
        "    WHEN 'stock_decreased' THEN (ARRAY['Списание: брак', 'Списание: истёк срок', "
        "      'Списание: повреждена упаковка'])[1 + floor(w.r3 * 3)::int] "
        "    WHEN 'stocktake' THEN 'Инвентаризация' "
        "    WHEN 'returned' THEN 'Возврат покупателя' ELSE '' END "
        "FROM demo_walk w JOIN demo_stock s ON s.idx = w.idx ORDER BY w.at, w.seq"_s.arg(cashiers)
            .arg(keeper),
        u"UPDATE stocks st SET shelf_qty = w.shelf_after FROM demo_walk w "
        "JOIN demo_stock s ON s.idx = w.idx WHERE w.is_last AND st.id = s.stock_id"_s,
    };
    for (const QString &sql : steps) {
        if (cancelled())
            return {};
        QElapsedTimer timer;
        timer.start();
        if (auto done = Sql::run(db, sql); !done)
            return done.error();
        qCDebug(lcDemo).noquote() << timer.elapsed() << "ms:" << sql.left(60);
    }
    return suspended->restore(db);
}

Result<void> DemoDataGenerator::insertCustomers(QSqlDatabase db)
{
    auto ruMale = WordList::load(u"first_names_ru_male"_s, 2);
    auto ruFemale = WordList::load(u"first_names_ru_female"_s, 2);
    auto ruLast = WordList::load(u"last_names_ru"_s, 3);
    auto enMale = WordList::load(u"first_names_en_male"_s, 2);
    auto enFemale = WordList::load(u"first_names_en_female"_s, 2);
    auto enLast = WordList::load(u"last_names_en"_s, 2);
    for (const auto *list : {&ruMale, &ruFemale, &ruLast, &enMale, &enFemale, &enLast}) {
        if (!*list)
            return list->error();
    }

    QList<QPair<QString, QVariantList>> steps = {
        {u"CREATE TEMP TABLE demo_first (lang text, gender text, idx int, name text, "
         "latin text) ON COMMIT DROP"_s,
         {}},
        {u"CREATE TEMP TABLE demo_last (lang text, idx int, male text, female text, "
         "latin text) ON COMMIT DROP"_s,
         {}},
    };
    const QString firstSql =
        u"INSERT INTO demo_first SELECT ?, ?, n, name, latin "
        "FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS w(name, latin, n)"_s;
    const QString lastSql = u"INSERT INTO demo_last SELECT ?, n, male, female, latin FROM "
                            "unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY "
                            "AS w(male, female, latin, n)"_s;
    auto first = [&](const QString &lang, const QString &gender, const WordList &list) {
        steps.append(
            {firstSql,
             {lang, gender, PgArray::text(list.column(0)), PgArray::text(list.column(1))}});
    };
    first(u"ru"_s, u"male"_s, ruMale.value());
    first(u"ru"_s, u"female"_s, ruFemale.value());
    first(u"en"_s, u"male"_s, enMale.value());
    first(u"en"_s, u"female"_s, enFemale.value());
    steps.append({lastSql,
                  {u"ru"_s, PgArray::text(ruLast->column(0)), PgArray::text(ruLast->column(1)),
                   PgArray::text(ruLast->column(2))}});
    steps.append({lastSql,
                  {u"en"_s, PgArray::text(enLast->column(0)), PgArray::text(enLast->column(0)),
                   PgArray::text(enLast->column(1))}});

    // Temporary tables are never auto-analyzed; the planner needs their sizes
    // to join a million people to them with hash joins.
    steps.append({u"ANALYZE demo_first"_s, {}});
    steps.append({u"ANALYZE demo_last"_s, {}});

    auto suspended = SuspendedConstraints::drop(db, u"customers"_s);
    if (!suspended)
        return suspended.error();

    // Like Faker: a gender first, then a first name of that gender and the
    // surname in its matching form; ages 16-90; about 30% with problems.
    // The people are drawn into a table first, so each random choice is made
    // once: a subquery would be folded into the joins, and its random() calls
    // evaluated again there (a woman's row could get a man's name).
    steps.append(
        {u"CREATE TEMP TABLE demo_people ON COMMIT DROP AS "
         "SELECT i, gender, lang, age, problems, digits, created, "
         "  1 + floor(rf * CASE WHEN lang = 'ru' THEN (CASE WHEN gender = 'male' THEN %2 ELSE %3 "
         "END) "
         "    ELSE (CASE WHEN gender = 'male' THEN %4 ELSE %5 END) END)::int AS first_idx, "
         "  1 + floor(rl * CASE WHEN lang = 'ru' THEN %6 ELSE %7 END)::int AS last_idx "
         "FROM (SELECT g AS i, "
         "    CASE WHEN random() < 0.5 THEN 'male' ELSE 'female' END AS gender, "
         "    CASE WHEN random() < 0.75 THEN 'ru' ELSE 'en' END AS lang, "
         "    (16 + floor(random() * 75))::smallint AS age, random() < 0.3 AS problems, "
         "    random() AS rf, random() AS rl, "
         "    lpad(floor(random() * 1000000000)::bigint::text, 9, '0') AS digits, "
         "    now() - random() * interval '3 years' AS created "
         "  FROM generate_series(1, %1) g OFFSET 0) r"_s.arg(m_options.customers)
             .arg(ruMale->size())
             .arg(ruFemale->size())
             .arg(enMale->size())
             .arg(enFemale->size())
             .arg(ruLast->size())
             .arg(enLast->size()),
         {}});
    steps.append({u"ANALYZE demo_people"_s, {}});
    steps.append(
        {u"INSERT INTO customers (first_name, last_name, age, gender, problems, phone, email, "
         "  created_at, updated_at) "
         "SELECT f.name, CASE WHEN p.gender = 'male' THEN l.male ELSE l.female END, "
         "  p.age, p.gender, p.problems, "
         "  '+7 9' || substr(p.digits, 1, 2) || ' ' || substr(p.digits, 3, 3) || '-' || "
         "    substr(p.digits, 6, 2) || '-' || substr(p.digits, 8, 2), "
         "  f.latin || '.' || l.latin || CASE WHEN p.i % 4 = 0 THEN (p.i % 97)::text ELSE '' END "
         "    || '@' || (ARRAY['mail.ru', 'yandex.ru', 'gmail.com', 'inbox.ru', "
         "    'outlook.com'])[1 + p.i % 5], "
         "  p.created, p.created "
         "FROM demo_people p "
         "JOIN demo_first f ON f.lang = p.lang AND f.gender = p.gender AND f.idx = p.first_idx "
         "JOIN demo_last l ON l.lang = p.lang AND l.idx = p.last_idx ORDER BY p.i"_s,
         {}});

    for (const auto &[sql, values] : steps) {
        if (cancelled())
            return {};
        QElapsedTimer timer;
        timer.start();
        if (auto done = Sql::run(db, sql, values); !done)
            return done.error();
        qCDebug(lcDemo).noquote() << timer.elapsed() << "ms:" << sql.left(60);
    }
    return suspended->restore(db);
}

} // namespace shopdesk
