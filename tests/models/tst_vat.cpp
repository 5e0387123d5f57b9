#include "TestDatabase.h"
#include "models/catalog/ProductStore.h"
#include "models/catalog/VatRateStore.h"
#include "models/checkout/Receipt.h"
#include "models/core/Money.h"
#include "models/core/Sql.h"
#include "models/orders/OrderStore.h"
#include "models/orders/OrderVat.h"
#include "models/shifts/ShiftReceipt.h"
#include "models/shifts/ShiftStore.h"
#include "models/staff/StaffStore.h"
#include "models/stock/StockStore.h"

#include <QLocale>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// VAT over a real PostgreSQL: a sale with lines at two rates and a promo
// prints the VAT the order lines hold; the X and Z reports' totals by rate
// are the shift's sales less its returns as SQL adds them up; bad rates and
// bad lists are refused with nothing written.
// Stands for the shop's language: answers for the VAT rates' own strings.
class RussianRates : public QTranslator
{
public:
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *sourceText, const char *, int) const override
    {
        if (qstrcmp(context, "VatRateStore") == 0 && qstrcmp(sourceText, "No VAT") == 0)
            return u"Без НДС"_s;
        return {};
    }
};

class TestVat : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    qint64 m_shop = 0;
    Actor m_cashier, m_manager, m_keeper;

    OrderStore orders() const { return OrderStore(m_tdb->db()); }
    qint64 scalar(const QString &sql, const QVariantList &values = {}) const
    {
        auto v = Sql::scalar(m_tdb->db(), sql, values);
        return v ? v.value().toLongLong() : -1;
    }
    // code → {net amount, VAT} as SQL adds them up.
    QMap<QString, QPair<qint64, qint64>> sqlTotals(const QString &sql,
                                                   const QVariantList &values) const
    {
        QMap<QString, QPair<qint64, qint64>> totals;
        auto q = Sql::run(m_tdb->db(), sql, values);
        if (!q)
            return totals;
        while (q.value().next())
            totals.insert(q.value().value(0).toString(),
                          {q.value().value(1).toLongLong(), q.value().value(2).toLongLong()});
        return totals;
    }
    static QMap<QString, QPair<qint64, qint64>> asMap(const QList<VatTotal> &totals)
    {
        QMap<QString, QPair<qint64, qint64>> map;
        for (const VatTotal &t : totals)
            map.insert(t.code, {t.amount, t.vat});
        return map;
    }
    Order paidSale(const QList<CartLine> &lines, const QString &promo = {})
    {
        NewOrder o;
        o.shopId = m_shop;
        o.lines = lines;
        o.promoCode = promo;
        auto made = orders().create(m_cashier, o);
        if (!made) {
            qWarning() << made.error().message;
            return {};
        }
        auto paid = orders().pay(m_cashier, made->id, {PaymentMethod::Card, 0, 0});
        if (!paid) {
            qWarning() << paid.error().message;
            return {};
        }
        return orders().byId(m_cashier, made->id).value().value_or(Order {});
    }
    QString shiftVatSql() const
    {
        return u"SELECT vat_code, sum(amount), sum(vat) FROM ("
               "  SELECT l.vat_code, l.net_amount AS amount, l.vat_amount AS vat "
               "  FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.shift_id = ? "
               "  UNION ALL SELECT l.vat_code, -b.net_amount, -b.vat_amount "
               "  FROM order_return_lines b JOIN order_returns r ON r.id = b.return_id "
               "  JOIN order_lines l ON (l.order_id, l.line_no) = (b.order_id, b.line_no) "
               "  WHERE r.shift_id = ?) x GROUP BY vat_code"_s;
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void init()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"vat"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        m_shop = m_tdb->addShop(u"TVR"_s, u"Tverskaya"_s);
        m_cashier = m_tdb->addStaff(u"cashier"_s, Role::Cashier, m_shop);
        m_manager = m_tdb->addStaff(u"manager"_s, Role::Manager, m_shop);
        m_keeper = m_tdb->addStaff(u"keeper"_s, Role::StockKeeper, m_shop);
        QVERIFY(m_tdb->setPassword(m_manager.staffId, u"manager-pass"_s));
        ProductStore products(m_tdb->db());
        StockStore stock(m_tdb->db());
        // Cheese at the standard 20 %, milk at 10 %, a newspaper without VAT.
        NewProduct cheese {u"2001"_s, u"Сыр"_s, 60000, {}};
        NewProduct milk {u"2002"_s, u"Молоко"_s, 55000, {}};
        milk.vatCode = u"vat10"_s;
        NewProduct paper {u"2003"_s, u"Газета"_s, 30000, {}};
        paper.vatCode = u"novat"_s;
        for (const NewProduct &p : {cheese, milk, paper}) {
            auto made = products.create(m_keeper, p);
            QVERIFY2(made, made ? "" : qPrintable(made.error().message));
            QCOMPARE(made->vatCode, p.vatCode);
            QVERIFY(stock.create(m_keeper, p.plu, m_shop, 20, 0).ok());
        }
        QVERIFY(Sql::run(m_tdb->db(),
                         u"INSERT INTO promo_codes (code, kind, value) VALUES "
                         "('MINUS100', 'amount', 10000)"_s)
                    .ok());
        QVERIFY(m_tdb->openShift(m_shop));
    }
    void cleanup() { m_tdb.reset(); }

    void vatTotalsOnAReceiptEqualSql()
    {
        // 2 × 600.00 at 20 %, 550.00 at 10 %, 300.00 without VAT, 100.00 off.
        const Order order =
            paidSale({{u"2001"_s, 2}, {u"2002"_s, 1}, {u"2003"_s, 1}}, u"MINUS100"_s);
        QVERIFY(order.id > 0);
        QCOMPARE(order.total, qint64(195000));
        const auto sql = sqlTotals(u"SELECT vat_code, sum(net_amount), sum(vat_amount) "
                                   "FROM order_lines WHERE order_id = ? GROUP BY vat_code"_s,
                                   {order.id});
        QCOMPARE(sql.size(), 3);
        QCOMPARE(sql.value(u"vat20"_s), qMakePair(qint64(114146), qint64(19024)));
        QCOMPARE(sql.value(u"vat10"_s), qMakePair(qint64(52317), qint64(4756)));
        QCOMPARE(sql.value(u"novat"_s), qMakePair(qint64(28537), qint64(0)));
        QCOMPARE(
            scalar(u"SELECT sum(net_amount) FROM order_lines WHERE order_id = ?"_s, {order.id}),
            order.total);

        // What the customer reads: each line's rate, and the VAT by rate.
        Shop shop;
        shop.name = u"ShopDesk"_s;
        shop.timeZone = u"Europe/Moscow"_s;
        const Receipt receipt = Receipt::forOrder(order, shop, u"Кассир"_s, 0);
        const QString text = receipt.text();
        QVERIFY2(text.contains(Receipt::spread(u"VAT 20 % on %1"_s.arg(Money::format(114146)),
                                               Money::format(19024), 42)),
                 qPrintable(text));
        QVERIFY2(text.contains(Receipt::spread(u"VAT 10 % on %1"_s.arg(Money::format(52317)),
                                               Money::format(4756), 42)),
                 qPrintable(text));
        QVERIFY2(text.contains(Receipt::spread(u"Without VAT"_s, Money::format(28537), 42)),
                 qPrintable(text));
        QVERIFY(text.contains(u"2 × %1  20 %"_s.arg(Money::format(60000))));
        QVERIFY(text.contains(u"1 × %1  No VAT"_s.arg(Money::format(30000))));
    }

    void shiftReportsTotalVatByRateLessReturns()
    {
        const Order first = paidSale({{u"2001"_s, 2}, {u"2002"_s, 3}}, u"MINUS100"_s);
        const Order second = paidSale({{u"2002"_s, 1}, {u"2003"_s, 2}});
        QVERIFY(first.id > 0 && second.id > 0);
        // One cheese and two milks back from the first sale, then the last milk.
        const ManagerApproval approval =
            StaffStore(m_tdb->db())
                .approveAsManager(u"manager"_s, u"manager-pass"_s, m_shop)
                .value();
        auto back = orders().returnItems(m_cashier, first.id, {{1, 1}, {2, 2}}, approval, u"1"_s);
        QVERIFY2(back, back ? "" : qPrintable(back.error().message));
        // The return's own VAT by rate, on its receipt, is what its rows hold.
        const auto returned =
            sqlTotals(u"SELECT l.vat_code, sum(b.net_amount), sum(b.vat_amount) "
                      "FROM order_return_lines b JOIN order_lines l "
                      "ON (l.order_id, l.line_no) = (b.order_id, b.line_no) "
                      "WHERE b.return_id = (SELECT max(id) FROM order_returns) GROUP BY 1"_s,
                      {});
        QCOMPARE(asMap(back->vat), returned);
        QCOMPARE(returned.value(u"vat20"_s).second,
                 first.lines.at(0).vatAmount - first.lines.at(0).vatAmount / 2);
        const QString slip = Receipt::forReturn(back->order, back->refund, back->method, Shop {},
                                                u"Кассир"_s, back->vat)
                                 .text();
        QVERIFY2(slip.contains(Receipt::spread(
                     u"VAT 10 % on %1"_s.arg(Money::format(returned.value(u"vat10"_s).first)),
                     Money::format(returned.value(u"vat10"_s).second), 42)),
                 qPrintable(slip));
        QVERIFY(orders().returnItems(m_cashier, first.id, {{2, 1}}, approval, u"1"_s));

        auto x = ShiftStore(m_tdb->db()).xReport(m_shop, u"1"_s);
        QVERIFY2(x, x ? "" : qPrintable(x.error().message));
        const auto sql = sqlTotals(shiftVatSql(), {x->shiftId, x->shiftId});
        QCOMPARE(asMap(x->vat), sql);
        // Milk of the first sale went back whole: only the second sale's is left.
        QCOMPARE(sql.value(u"vat10"_s).second, OrderVat::included(55000, 1000));
        QCOMPARE(sql.value(u"vat20"_s).second, first.lines.at(0).vatAmount / 2);
        QVERIFY(ShiftReceipt::forReport(x.value(), Shop {})
                    .text()
                    .contains(u"VAT 20 % on %1"_s.arg(Money::format(sql.value(u"vat20"_s).first))));

        auto z = ShiftStore(m_tdb->db()).close(m_manager, m_shop, u"1"_s, CashCount::ofTotal(0));
        QVERIFY2(z, z ? "" : qPrintable(z.error().message));
        QCOMPARE(asMap(z->vat), sql);
    }

    void productsRefuseAnUnknownRateAndWriteNothing()
    {
        ProductStore products(m_tdb->db());
        NewProduct p {u"2009"_s, u"Чай"_s, 10000, {}};
        p.vatCode = u"vat99"_s;
        auto made = products.create(m_keeper, p);
        QVERIFY(!made);
        QCOMPARE(made.error().field, u"vat_rate"_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM products WHERE plu = '2009'"_s), 0);

        ProductEdit edit {u"2001"_s, u"Сыр"_s, 60000, {}, false, true, {}, u"vat99"_s};
        auto changed = products.update(m_keeper, edit);
        QVERIFY(!changed);
        QCOMPARE(changed.error().field, u"vat_rate"_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM product_changes"_s), 0);

        // A rate no longer offered is refused too; a real change is recorded.
        QVERIFY(VatRateStore(m_tdb->db()).update(m_manager, {u"vat0"_s, u"0 %"_s, 0, false}));
        edit.vatCode = u"vat0"_s;
        QCOMPARE(products.update(m_keeper, edit).error().field, u"vat_rate"_s);
        edit.vatCode = u"vat10"_s;
        edit.reason = u"food rate"_s;
        auto saved = products.update(m_keeper, edit);
        QVERIFY2(saved, saved ? "" : qPrintable(saved.error().message));
        QCOMPARE(saved->vatCode, u"vat10"_s);
        const auto history = products.changes(u"2001"_s).value();
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().before.value(u"vat_code"_s).toString(), u"vat20"_s);
        QCOMPARE(history.first().after.value(u"vat_code"_s).toString(), u"vat10"_s);
        QCOMPARE(history.first().after.size(), 1); // nothing else changed
    }

    void theRatesListRefusesBadInput()
    {
        VatRateStore rates(m_tdb->db());
        const qint64 before = scalar(u"SELECT count(*) FROM vat_rates"_s);
        const auto refused = [&](const VatRateInput &rate, const QString &field) {
            auto made = rates.add(m_manager, rate);
            return !made && made.error().field == field;
        };
        QVERIFY(refused({u"vat150"_s, u"150 %"_s, 15000, true}, u"percent"_s));
        QVERIFY(refused({u"neg"_s, u"minus"_s, -100, true}, u"percent"_s));
        QVERIFY(refused({u"Bad Code"_s, u"x"_s, 500, true}, u"code"_s));
        QVERIFY(refused({u"vat5"_s, u"  "_s, 500, true}, u"label"_s));
        QVERIFY(refused({u"vat20"_s, u"Twenty"_s, 1500, true}, u"code"_s)); // the code
        QVERIFY(refused({u"vat20b"_s, u"20 %"_s, 1500, true}, u"label"_s)); // the name
        QVERIFY(refused({u"vat20b"_s, u"Twenty"_s, 2000, true}, u"percent"_s)); // the rate
        QVERIFY(refused({u"none2"_s, u"Free"_s, std::nullopt, true}, u"percent"_s));
        QCOMPARE(scalar(u"SELECT count(*) FROM vat_rates"_s), before);
        // A cashier may not change the list.
        QCOMPARE(rates.add(m_cashier, {u"vat5"_s, u"5 %"_s, 500, true}).error().code,
                 StoreError::Code::Permission);

        auto five = rates.add(m_manager, {u"vat5"_s, u"5 %"_s, 500, true});
        QVERIFY2(five, five ? "" : qPrintable(five.error().message));
        QCOMPARE(five->rateBp, std::optional<int>(500));
        QVERIFY(!five->inUse);
        // A rate in use is only deactivated; an unused one goes.
        const auto inUse = rates.remove(m_manager, u"vat20"_s);
        QVERIFY(!inUse);
        QCOMPARE(inUse.error().code, StoreError::Code::Conflict);
        QCOMPARE(scalar(u"SELECT count(*) FROM vat_rates WHERE code = 'vat20'"_s), 1);
        QVERIFY(rates.remove(m_manager, u"vat5"_s));
        QCOMPARE(scalar(u"SELECT count(*) FROM vat_rates"_s), before);
        QCOMPARE(rates.update(m_manager, {u"vat77"_s, u"77"_s, std::nullopt, true}).error().code,
                 StoreError::Code::NotFound);
    }

    // The seeded "No VAT" reads in the shop's language until someone names it.
    void theSeededNoVatRateReadsInTheShopsLanguage()
    {
        RussianRates russian;
        QCoreApplication::installTranslator(&russian);
        VatRateStore rates(m_tdb->db());
        const auto labelOf = [&](const QString &code) {
            const auto list = rates.list();
            for (const VatRate &r : list.value())
                if (r.code == code)
                    return r.label;
            return QString();
        };
        QCOMPARE(labelOf(u"novat"_s), u"Без НДС"_s);
        QCOMPARE(labelOf(u"vat20"_s), u"20 %"_s);
        QVERIFY(rates.update(m_manager, {u"novat"_s, u"Не облагается"_s, std::nullopt, true}));
        QCOMPARE(labelOf(u"novat"_s), u"Не облагается"_s);
        QCoreApplication::removeTranslator(&russian);
    }
};

QTEST_GUILESS_MAIN(TestVat)
#include "tst_vat.moc"
