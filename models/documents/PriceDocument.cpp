#include "PriceDocument.h"

#include "models/orders/KeyedEnum.h"

namespace shopdesk {

namespace {

constexpr KeyedEnum<DocumentStatus, 3> kStatuses {
    "DocumentStatus",
    {{
        {DocumentStatus::Draft, "draft", QT_TRANSLATE_NOOP("DocumentStatus", "draft")},
        {DocumentStatus::Posted, "posted", QT_TRANSLATE_NOOP("DocumentStatus", "posted")},
        {DocumentStatus::Cancelled, "cancelled", QT_TRANSLATE_NOOP("DocumentStatus", "cancelled")},
    }},
};

} // namespace

QString documentStatusKey(DocumentStatus status)
{
    return kStatuses.key(status);
}

std::optional<DocumentStatus> documentStatusFromKey(const QString &key)
{
    return kStatuses.fromKey(key);
}

QString documentStatusText(DocumentStatus status)
{
    return kStatuses.text(status);
}

} // namespace shopdesk
