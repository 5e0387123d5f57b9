#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace shopdesk {

// An enum's values with the text the database stores for each and the
// words people read, in one table: the enum's conversions are read off it,
// so a value is spelled in exactly one place. The table lists every value
// in the enum's order (0, 1, 2…).
template<typename Enum, std::size_t Count>
class KeyedEnum
{
public:
    struct Entry
    {
        Enum value;
        const char *key; // as stored
        const char *text; // QT_TRANSLATE_NOOP(context, …)
    };

    constexpr KeyedEnum(const char *context, std::array<Entry, Count> entries)
        : m_context(context), m_entries(entries)
    {
    }

    QString key(Enum value) const { return QString::fromLatin1(entryOf(value).key); }
    std::optional<Enum> fromKey(const QString &key) const
    {
        for (const Entry &e : m_entries)
            if (key == QLatin1String(e.key))
                return e.value;
        return std::nullopt;
    }
    QString text(Enum value) const
    {
        return QCoreApplication::translate(m_context, entryOf(value).text);
    }
    QList<Enum> values() const
    {
        QList<Enum> all;
        for (const Entry &e : m_entries)
            all << e.value;
        return all;
    }

private:
    const Entry &entryOf(Enum value) const { return m_entries.at(std::size_t(value)); }

    const char *m_context;
    std::array<Entry, Count> m_entries;
};

} // namespace shopdesk
