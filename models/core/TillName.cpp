#include "TillName.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace shopdesk::TillName {

bool isValid(const QString &name)
{
    static const QRegularExpression valid(u"^[A-Za-z0-9_-]{1,16}$"_s);
    return valid.match(name).hasMatch();
}

} // namespace shopdesk::TillName
