#pragma once

#include <QMetaType>
#include <QString>

namespace shopdesk {

// Whom goods are bought from (suppliers, migration 0031).
struct Supplier
{
    qint64 id = 0;
    QString name; // unique, whatever its case
    QString taxId; // as the supplier writes it (INN, VAT number); may be empty
    QString contacts; // people, phones, e-mail: free text
    bool active = true; // false: kept for old documents, offered for no new one
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::Supplier)
