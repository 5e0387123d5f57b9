#include "JsonReader.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
// Doubles hold every integer exactly up to 2^53; beyond that "whole" means nothing.
constexpr double kExactLimit = 9007199254740992.0;
} // namespace

void JsonReader::fail(const QString &field, const QString &message)
{
    if (!ok())
        return;
    m_field = m_prefix + field;
    m_message = message;
}

bool JsonReader::present(const QString &name, bool required)
{
    if (!ok())
        return false;
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            fail(name, tr("%1 is required.").arg(m_prefix + name));
        return false;
    }
    return true;
}

std::optional<QString> JsonReader::string(const QString &name, bool required, int maxLength)
{
    if (!present(name, required))
        return std::nullopt;
    const QJsonValue value = m_object.value(name);
    if (!value.isString()) {
        fail(name, tr("%1 must be a string.").arg(m_prefix + name));
        return std::nullopt;
    }
    const QString text = value.toString();
    // PostgreSQL text cannot hold NUL, and the driver would cut the value there.
    if (text.contains(QChar(u'\0'))) {
        fail(name, tr("%1 must not contain NUL characters.").arg(m_prefix + name));
        return std::nullopt;
    }
    if (text.size() > maxLength) {
        fail(name, tr("%1 must be at most %2 characters.").arg(m_prefix + name).arg(maxLength));
        return std::nullopt;
    }
    return text;
}

std::optional<qint64> JsonReader::integer(const QString &name, bool required, qint64 min,
                                          qint64 max)
{
    if (!present(name, required))
        return std::nullopt;
    const QJsonValue value = m_object.value(name);
    const double number = value.toDouble();
    if (!value.isDouble() || !std::isfinite(number) || std::trunc(number) != number ||
        std::fabs(number) > kExactLimit) {
        fail(name, tr("%1 must be a whole number.").arg(m_prefix + name));
        return std::nullopt;
    }
    if (number < double(min) || number > double(max)) {
        fail(name, tr("%1 must be between %2 and %3.").arg(m_prefix + name).arg(min).arg(max));
        return std::nullopt;
    }
    return qint64(number);
}

std::optional<bool> JsonReader::boolean(const QString &name, bool required)
{
    if (!present(name, required))
        return std::nullopt;
    const QJsonValue value = m_object.value(name);
    if (!value.isBool()) {
        fail(name, tr("%1 must be true or false.").arg(m_prefix + name));
        return std::nullopt;
    }
    return value.toBool();
}

std::optional<QJsonObject> JsonReader::object(const QString &name, bool required)
{
    if (!present(name, required))
        return std::nullopt;
    const QJsonValue value = m_object.value(name);
    if (!value.isObject()) {
        fail(name, tr("%1 must be an object.").arg(m_prefix + name));
        return std::nullopt;
    }
    return value.toObject();
}

std::optional<QStringList> JsonReader::strings(const QString &name, bool required, int maxItems,
                                               int maxLength)
{
    if (!present(name, required))
        return std::nullopt;
    const QJsonValue value = m_object.value(name);
    if (!value.isArray()) {
        fail(name, tr("%1 must be an array of strings.").arg(m_prefix + name));
        return std::nullopt;
    }
    const QJsonArray array = value.toArray();
    if (array.size() > maxItems) {
        fail(name, tr("%1 must have at most %2 items.").arg(m_prefix + name).arg(maxItems));
        return std::nullopt;
    }
    QStringList list;
    for (const QJsonValue &item : array) {
        const QString text = item.toString();
        if (!item.isString() || text.isEmpty() || text.size() > maxLength ||
            text.contains(QChar(u'\0'))) {
            fail(name,
                 tr("%1 must be an array of strings of 1 to %2 characters.")
                     .arg(m_prefix + name)
                     .arg(maxLength));
            return std::nullopt;
        }
        list.append(text);
    }
    return list;
}

void JsonReader::rejectUnknown(const QStringList &known)
{
    for (auto it = m_object.constBegin(); it != m_object.constEnd() && ok(); ++it) {
        if (!known.contains(it.key()))
            fail(it.key(),
                 tr("%1 is not a known field (known: %2).")
                     .arg(m_prefix + it.key(), known.join(u", "_s)));
    }
}

} // namespace shopdesk
