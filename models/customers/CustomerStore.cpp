#include "CustomerStore.h"

#include "models/catalog/ProductStore.h"
#include "models/core/Permissions.h"
#include "models/core/Sql.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace shopdesk {

QStringList CustomerStore::genders()
{
    return {u"female"_s, u"male"_s};
}

QString CustomerStore::columns()
{
    return u"c.id, c.first_name, c.last_name, c.age, c.gender, c.problems, c.phone, c.email, "
           "c.updated_at"_s;
}

Customer CustomerStore::fromRow(const SqlRow &row)
{
    using C = CustomerColumn;
    Customer c;
    c.id = row[C::Id].toLongLong();
    c.firstName = row[C::FirstName].toString();
    c.lastName = row[C::LastName].toString();
    c.age = row[C::Age].toInt();
    c.gender = row[C::Gender].toString();
    c.problems = row[C::Problems].toBool();
    c.phone = row[C::Phone].toString();
    c.email = row[C::Email].toString();
    c.updatedAt = row[C::UpdatedAt].toDateTime();
    return c;
}

QString CustomerStore::sortColumn(CustomerSort sort)
{
    switch (sort) {
    case CustomerSort::Id:
        return u"c.id"_s;
    case CustomerSort::LastName:
        return u"c.last_name"_s;
    case CustomerSort::FirstName:
        return u"c.first_name"_s;
    case CustomerSort::Age:
        return u"c.age"_s;
    case CustomerSort::Gender:
        return u"c.gender"_s;
    case CustomerSort::Problems:
        return u"c.problems"_s;
    }
    return u"c.id"_s;
}

std::optional<StoreError> CustomerFilter::validate() const
{
    if ((ageMin && (*ageMin < 0 || *ageMin > 150)) || (ageMax && (*ageMax < 0 || *ageMax > 150)))
        return StoreError::invalid(u"age"_s, tr("Ages are from 0 to 150."));
    if (ageMin && ageMax && *ageMin > *ageMax)
        return StoreError::invalid(
            u"age_min"_s,
            tr("The youngest age (%1) is above the oldest (%2).").arg(*ageMin).arg(*ageMax));
    if (!gender.isEmpty() && !CustomerStore::genders().contains(gender))
        return StoreError::invalid(u"gender"_s, tr("Gender must be female or male."));
    return std::nullopt;
}

bool CustomerFilter::isEmpty() const
{
    return name.trimmed().isEmpty() && !ageMin && !ageMax && gender.isEmpty() && !problems;
}

QString CustomerFilter::whereClause(QVariantList *values) const
{
    QStringList conditions;
    auto add = [&](const QString &condition, const QVariant &value) {
        conditions << condition;
        values->append(value);
    };
    const QString text = name.trimmed();
    static const QRegularExpression phoneLike(u"^[0-9+()\\-.\\s]+$"_s);
    static const QRegularExpression notDigit(u"[^0-9]"_s);
    if (text.contains(u'@')) {
        // customers_email_trgm
        add(u"c.email ILIKE ?"_s, ProductStore::likePattern(text));
    } else if (phoneLike.match(text).hasMatch() && text.count(notDigit) < text.size()) {
        // customers_phone_digits_trgm: the same expression
        QString digits = text;
        digits.remove(notDigit);
        add(u"regexp_replace(c.phone, '[^0-9]', '', 'g') LIKE ?"_s,
            ProductStore::likePattern(digits));
    } else {
        // Each word starts a word of "first last" (at the start, after a
        // space or a hyphen), in any order. Every alternative is on the
        // expression of the trigram index customers_name_trgm, so each word
        // is a bitmap of index scans, not a pass over the table.
        static const QRegularExpression spaces(u"\\s+"_s);
        const QStringList words = text.split(spaces, Qt::SkipEmptyParts);
        for (const QString &word : words) {
            const QString escaped = ProductStore::likeEscaped(word);
            conditions << u"((c.first_name || ' ' || c.last_name) ILIKE ? "
                          "OR (c.first_name || ' ' || c.last_name) ILIKE ? "
                          "OR (c.first_name || ' ' || c.last_name) ILIKE ?)"_s;
            values->append(QString(escaped + u"%"_s));
            values->append(QString(u"% "_s + escaped + u"%"_s));
            values->append(QString(u"%-"_s + escaped + u"%"_s));
        }
    }
    if (ageMin)
        add(u"c.age >= ?"_s, *ageMin);
    if (ageMax)
        add(u"c.age <= ?"_s, *ageMax);
    if (!gender.isEmpty())
        add(u"c.gender = ?"_s, gender);
    if (problems)
        add(u"c.problems = ?"_s, *problems);
    return conditions.isEmpty() ? QString() : u"WHERE "_s + conditions.join(u" AND "_s);
}

std::optional<StoreError> CustomerStore::validate(const Customer &c)
{
    const QString first = c.firstName.trimmed(), last = c.lastName.trimmed();
    if (first.isEmpty() || first.size() > kMaxNameLength)
        return StoreError::invalid(
            u"first_name"_s, tr("The first name must be 1 to %1 characters.").arg(kMaxNameLength));
    if (last.isEmpty() || last.size() > kMaxNameLength)
        return StoreError::invalid(
            u"last_name"_s, tr("The last name must be 1 to %1 characters.").arg(kMaxNameLength));
    if (c.age < 0 || c.age > 150)
        return StoreError::invalid(u"age"_s, tr("The age must be from 0 to 150."));
    if (!genders().contains(c.gender))
        return StoreError::invalid(u"gender"_s, tr("Choose the gender from the list."));
    static const QRegularExpression email(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"_s);
    if (!c.email.isEmpty() && !email.match(c.email).hasMatch())
        return StoreError::invalid(u"email"_s, tr("The e-mail address is not valid."));
    if (c.phone.size() > 40)
        return StoreError::invalid(u"phone"_s, tr("The phone number is too long."));
    return std::nullopt;
}

Result<Customer> CustomerStore::create(const Actor &actor, const Customer &c)
{
    if (auto refused = checkPermission(actor.role, Permission::Sell))
        return *refused;
    if (auto invalid = validate(c))
        return *invalid;
    auto q = Sql::run(
        m_db,
        u"INSERT INTO customers AS c (first_name, last_name, age, gender, problems, phone, "
        "email) VALUES (:first_name, :last_name, :age, :gender, :problems, "
        "coalesce(:phone, ''), coalesce(:email, '')) RETURNING %1"_s.arg(columns()),
        {{u":first_name"_s, c.firstName.trimmed()},
         {u":last_name"_s, c.lastName.trimmed()},
         {u":age"_s, c.age},
         {u":gender"_s, c.gender},
         {u":problems"_s, c.problems},
         {u":phone"_s, c.phone.trimmed()},
         {u":email"_s, c.email.trimmed()}});
    if (!q)
        return q.error();
    q.value().next();
    return fromRow(q.value());
}

Result<Customer> CustomerStore::update(const Actor &actor, const Customer &c)
{
    if (auto refused = checkPermission(actor.role, Permission::Sell))
        return *refused;
    if (auto invalid = validate(c))
        return *invalid;
    auto q = Sql::run(
        m_db,
        u"UPDATE customers c SET first_name = :first_name, last_name = :last_name, age = :age, "
        "gender = :gender, problems = :problems, phone = coalesce(:phone, ''), "
        "email = coalesce(:email, ''), updated_at = now() WHERE id = :id RETURNING %1"_s.arg(
            columns()),
        {{u":first_name"_s, c.firstName.trimmed()},
         {u":last_name"_s, c.lastName.trimmed()},
         {u":age"_s, c.age},
         {u":gender"_s, c.gender},
         {u":problems"_s, c.problems},
         {u":phone"_s, c.phone.trimmed()},
         {u":email"_s, c.email.trimmed()},
         {u":id"_s, c.id}});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("Customer %1 no longer exists.").arg(c.id));
    return fromRow(q.value());
}

Result<void> CustomerStore::remove(const Actor &actor, qint64 id)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageCustomers))
        return *refused;
    auto q = Sql::run(m_db, u"DELETE FROM customers WHERE id = ? RETURNING id"_s, {id});
    if (!q) {
        if (q.error().isForeignKeyViolation())
            return StoreError::conflict(tr("This customer has orders and cannot be deleted."));
        return q.error();
    }
    if (!q.value().next())
        return StoreError::notFound(tr("Customer %1 no longer exists.").arg(id));
    return {};
}

Result<std::optional<Customer>> CustomerStore::byId(qint64 id) const
{
    auto q = Sql::run(m_db, u"SELECT %1 FROM customers c WHERE c.id = ?"_s.arg(columns()), {id});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<Customer>();
    return std::optional<Customer>(fromRow(q.value()));
}

Result<qint64> CustomerStore::count(const CustomerFilter &filter) const
{
    if (auto invalid = filter.validate())
        return *invalid;
    QVariantList values;
    const QString where = filter.whereClause(&values);
    auto n = Sql::scalar(m_db, u"SELECT count(*) FROM customers c %1"_s.arg(where), values);
    if (!n)
        return n.error();
    return n.value().toLongLong();
}

Result<qint64> CustomerStore::estimatedTotal() const
{
    // reltuples is -1 before the first ANALYZE: then there is no estimate.
    auto n = Sql::scalar(
        m_db, u"SELECT reltuples::bigint FROM pg_class WHERE oid = 'customers'::regclass"_s);
    if (!n)
        return n.error();
    return n.value().toLongLong();
}

Result<qint64> CustomerStore::resetProblems(const Actor &actor)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageCustomers))
        return *refused;
    // One statement, as seed 000 intends: the rows it changed are exactly the
    // rows that had the flag, whatever other sessions do meanwhile (a row
    // flagged by a concurrent edit is re-checked after that edit commits).
    auto n =
        Sql::scalar(m_db,
                    u"WITH cleared AS (UPDATE customers SET problems = false, updated_at = now() "
                    "WHERE problems RETURNING 1) SELECT count(*) FROM cleared"_s);
    if (!n)
        return n.error();
    return n.value().toLongLong();
}

QString CustomerStore::orderedSql(const CustomerFilter &filter, CustomerSort sort, bool descending,
                                  QVariantList *values)
{
    const QString direction = descending ? u" DESC"_s : QString();
    return u"SELECT %1 FROM customers c %2 ORDER BY %3%4, c.id%4"_s.arg(
        columns(), filter.whereClause(values), sortColumn(sort), direction);
}

CsvExport::Job CustomerStore::exportJob(const CustomerFilter &filter, CustomerSort sort,
                                        bool descending)
{
    CsvExport::Job job;
    job.sql = orderedSql(filter, sort, descending, &job.values);
    job.headers = {tr("Id"),     tr("First name"), tr("Last name"), tr("Age"),
                   tr("Gender"), tr("Problems"),   tr("Phone"),     tr("E-mail")};
    job.format = [](const QSqlQuery &q, const CsvFormat &csv) {
        const Customer c = fromRow(q);
        return QStringList {csv.integer(c.id), c.firstName,
                            c.lastName,        csv.integer(c.age),
                            c.gender,          c.problems ? u"true"_s : u"false"_s,
                            c.phone,           c.email};
    };
    return job;
}

} // namespace shopdesk
