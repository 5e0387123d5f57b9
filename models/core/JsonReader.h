#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace shopdesk {

// Reads the fields of a JSON object that came from outside (a REST request,
// a shop's event) with their types and ranges checked. The first problem is
// kept, naming the field, and every later read returns nothing, so a caller
// reads all its fields and then asks ok() once.
class JsonReader
{
    Q_DECLARE_TR_FUNCTIONS(JsonReader)
public:
    explicit JsonReader(QJsonObject object, QString prefix = {})
        : m_object(std::move(object)), m_prefix(std::move(prefix))
    {
    }

    // A string of 1..maxLength characters when present; `required` makes a
    // missing one an error. Null counts as missing.
    std::optional<QString> string(const QString &name, bool required, int maxLength = 200);
    // A whole number in [min, max]: 3 and 3.0 pass, 3.5, "3" and 1e300 do not.
    std::optional<qint64> integer(const QString &name, bool required, qint64 min, qint64 max);
    std::optional<bool> boolean(const QString &name, bool required);
    std::optional<QJsonObject> object(const QString &name, bool required);
    // An array of at most maxItems strings, each of 1..maxLength characters
    // (an empty array is fine). Null counts as missing.
    std::optional<QStringList> strings(const QString &name, bool required, int maxItems,
                                       int maxLength = 200);
    // Fields not in `known` are an error: a misspelt field must not be
    // silently ignored.
    void rejectUnknown(const QStringList &known);

    bool ok() const { return m_field.isEmpty(); }
    QString field() const { return m_field; } // e.g. "quantity_on_shelf"
    QString message() const { return m_message; }
    // Records a problem found by the caller (a rule across fields).
    void fail(const QString &field, const QString &message);

private:
    bool present(const QString &name, bool required);

    QJsonObject m_object;
    QString m_prefix;
    QString m_field;
    QString m_message;
};

} // namespace shopdesk
