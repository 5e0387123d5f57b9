#pragma once

#include "Role.h"

#include <QString>

namespace shopdesk {

// Who is acting: passed to every store call that changes something, so the
// store can check the permission and record the person in history.
struct Actor
{
    qint64 staffId = 0;
    QString login;
    QString displayName;
    Role role = Role::Cashier;
    qint64 shopId = 0;

    bool isValid() const { return staffId > 0; }
};

} // namespace shopdesk
