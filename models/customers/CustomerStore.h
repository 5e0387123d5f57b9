#pragma once

#include "models/core/Actor.h"
#include "models/core/Result.h"
#include "models/core/SqlRow.h"
#include "models/export/CsvExport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <optional>

namespace shopdesk {

// A customer of the shop: seed 000's CRM "user" (first name, last name, age,
// gender, problems) plus the phone and e-mail staff expect.
struct Customer
{
    qint64 id = 0;
    QString firstName;
    QString lastName;
    int age = 0;
    QString gender; // "male" or "female"
    bool problems = false;
    QString phone;
    QString email;
    QDateTime updatedAt;
};

struct CustomerFilter
{
    Q_DECLARE_TR_FUNCTIONS(CustomerFilter)
public:
    // What the search box holds: an e-mail (any part of it, when it has an
    // @), a phone number (its digits, however either is formatted), or
    // words that each start a word of the name, in any order ("Смирнова
    // Анна" finds Анна Смирнова; "Анна" does not find Жанна). Case-insensitive.
    QString name;
    std::optional<int> ageMin;
    std::optional<int> ageMax;
    QString gender; // empty: any
    std::optional<bool> problems;

    std::optional<StoreError> validate() const;
    // "WHERE ..." over customers aliased `c`; values appended in order.
    QString whereClause(QVariantList *values) const;
    bool isEmpty() const;
    friend bool operator==(const CustomerFilter &, const CustomerFilter &) = default;
};

enum class CustomerSort { Id, LastName, FirstName, Age, Gender, Problems };

// Where each value sits in CustomerStore::columns().
enum class CustomerColumn {
    Id,
    FirstName,
    LastName,
    Age,
    Gender,
    Problems,
    Phone,
    Email,
    UpdatedAt
};

// The customer base (1M+ rows). Changes check the actor's permission.
class CustomerStore
{
    Q_DECLARE_TR_FUNCTIONS(CustomerStore)
public:
    static constexpr int kMaxNameLength = 100;

    explicit CustomerStore(QSqlDatabase db) : m_db(std::move(db)) { }

    Result<Customer> create(const Actor &actor, const Customer &customer);
    Result<Customer> update(const Actor &actor, const Customer &customer);
    Result<void> remove(const Actor &actor, qint64 id);
    Result<std::optional<Customer>> byId(qint64 id) const;

    Result<qint64> count(const CustomerFilter &filter) const;
    // The planner's row estimate for the whole table: instant, roughly right.
    Result<qint64> estimatedTotal() const;

    // Seed 000's PATCH /users/resetProblems: clears the flag for everyone in
    // one statement and returns how many had it. Managers and admins only.
    Result<qint64> resetProblems(const Actor &actor);

    static std::optional<StoreError> validate(const Customer &customer);
    static QStringList genders();
    // The column behind a sort (a fixed whitelist) and the SELECT list.
    static QString sortColumn(CustomerSort sort);
    static QString columns();
    // A row of columns(), from a query or from the values a windowed model keeps.
    static Customer fromRow(const SqlRow &row);
    // The SELECT behind the customer grid: the same order, the same filter.
    static QString orderedSql(const CustomerFilter &filter, CustomerSort sort, bool descending,
                              QVariantList *values);
    // The rows of a filter in the grid's order, as the CSV export writes them
    // (the caller sets the database and the path).
    static CsvExport::Job exportJob(const CustomerFilter &filter, CustomerSort sort,
                                    bool descending);

private:
    QSqlDatabase m_db;
};

} // namespace shopdesk
