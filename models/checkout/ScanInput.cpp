#include "ScanInput.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace shopdesk {

std::optional<ScanInput> ScanInput::parse(const QString &typed, QString *error)
{
    auto refuse = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QString text = typed.trimmed();
    if (text.isEmpty())
        return refuse(QCoreApplication::translate("ScanInput", "Scan or type a code."));
    ScanInput input;
    // "3*" (or "3x", "3х" on a Russian layout) before a code multiplies it.
    static const QRegularExpression times(u"^(\\d{1,6})\\s*[*xXхХ]\\s*(.+)$"_s);
    if (const auto m = times.match(text); m.hasMatch()) {
        const int count = m.captured(1).toInt();
        if (count < 1 || count > kMaxQuantity)
            return refuse(
                QCoreApplication::translate("ScanInput", "The count before * must be from 1 to %1.")
                    .arg(kMaxQuantity));
        input.quantity = count;
        text = m.captured(2).trimmed();
    }
    static const QRegularExpression code(u"^[0-9A-Za-z_-]{1,64}$"_s);
    static const QRegularExpression hasLetter(u"\\p{L}"_s);
    // A code has no spaces and at least one digit; anything else is a name.
    const bool looksLikeCode =
        code.match(text).hasMatch() && text.contains(QRegularExpression(u"\\d"_s));
    input.kind = looksLikeCode || !text.contains(hasLetter) ? Kind::Code : Kind::Name;
    input.text = text;
    return input;
}

} // namespace shopdesk
