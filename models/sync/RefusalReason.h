#pragma once

#include "OutboxStore.h"

#include <QCoreApplication>
#include <QString>

namespace shopdesk {

// Why central refused an outbox event, in the user's language and saying
// what to do. Central's error codes (with the payload field at fault) are
// stable machine codes: the known ones become a sentence of ours; an unknown
// one is shown as central sent it, code and message.
class RefusalReason
{
    Q_DECLARE_TR_FUNCTIONS(RefusalReason)
public:
    static QString describe(const OutboxEvent &event);
};

} // namespace shopdesk
