#include "Icons.h"

#include "PaletteIconEngine.h"

using namespace Qt::StringLiterals;

namespace shopdesk::Icons {

namespace {

// The Lucide name of each icon (resources/icons/lucide/<name>.svg).
QString fileName(Icon id)
{
    switch (id) {
    case Icon::New:
        return u"plus"_s;
    case Icon::Edit:
        return u"pencil"_s;
    case Icon::Delete:
        return u"trash-2"_s;
    case Icon::Deactivate:
        return u"user-x"_s;
    case Icon::Activate:
        return u"user-check"_s;
    case Icon::Export:
        return u"file-down"_s;
    case Icon::ExportImage:
        return u"image-down"_s;
    case Icon::Print:
        return u"printer"_s;
    case Icon::Refresh:
        return u"refresh-cw"_s;
    case Icon::Search:
        return u"search"_s;
    case Icon::Save:
        return u"save"_s;
    case Icon::Confirm:
        return u"check"_s;
    case Icon::Cancel:
        return u"circle-x"_s;
    case Icon::Close:
        return u"x"_s;
    case Icon::ClearFilters:
        return u"funnel-x"_s;
    case Icon::Lock:
        return u"lock"_s;
    case Icon::SwitchUser:
        return u"users"_s;
    case Icon::Quit:
        return u"log-out"_s;
    case Icon::About:
        return u"info"_s;
    case Icon::SyncNow:
        return u"cloud-sync"_s;
    case Icon::Retry:
        return u"rotate-ccw"_s;
    case Icon::Database:
        return u"database"_s;
    case Icon::First:
        return u"chevron-first"_s;
    case Icon::Previous:
        return u"chevron-left"_s;
    case Icon::Next:
        return u"chevron-right"_s;
    case Icon::Checkout:
        return u"shopping-cart"_s;
    case Icon::Stock:
        return u"package"_s;
    case Icon::History:
        return u"history"_s;
    case Icon::Customers:
        return u"contact"_s;
    case Icon::Orders:
        return u"receipt"_s;
    case Icon::Reports:
        return u"chart-column"_s;
    case Icon::Sync:
        return u"cloud"_s;
    case Icon::Staff:
        return u"id-card"_s;
    case Icon::Settings:
        return u"settings"_s;
    case Icon::NewStock:
        return u"package-plus"_s;
    case Icon::AdjustStock:
        return u"arrow-up-down"_s;
    case Icon::Stocktake:
        return u"clipboard-list"_s;
    case Icon::GoodsReceipt:
        return u"truck"_s;
    case Icon::Supplier:
        return u"factory"_s;
    case Icon::Return:
        return u"undo-2"_s;
    case Icon::Cash:
        return u"banknote"_s;
    case Icon::Card:
        return u"credit-card"_s;
    case Icon::CardAndCash:
        return u"wallet"_s;
    case Icon::Customer:
        return u"user-round"_s;
    case Icon::Promo:
        return u"ticket-percent"_s;
    case Icon::Price:
        return u"tag"_s;
    case Icon::PriceChanges:
        return u"tags"_s;
    case Icon::Increase:
        return u"circle-plus"_s;
    case Icon::Decrease:
        return u"circle-minus"_s;
    case Icon::ChangeRole:
        return u"user-cog"_s;
    case Icon::Password:
        return u"key-round"_s;
    case Icon::Pin:
        return u"rectangle-ellipsis"_s;
    case Icon::OpenShift:
        return u"circle-play"_s;
    case Icon::ShiftReport:
        return u"file-text"_s;
    case Icon::CloseShift:
        return u"circle-stop"_s;
    case Icon::CashInOut:
        return u"hand-coins"_s;
    case Icon::ParkSale:
        return u"circle-pause"_s;
    case Icon::RecallSale:
        return u"archive-restore"_s;
    case Icon::VoidedSales:
        return u"list-x"_s;
    case Icon::ResetProblems:
        return u"flag-off"_s;
    case Icon::Scan:
        return u"scan-barcode"_s;
    case Icon::Count:
        break;
    }
    return {};
}

} // namespace

QString resourcePath(Icon id)
{
    return u":/icons/lucide/%1.svg"_s.arg(fileName(id));
}

QIcon icon(Icon id)
{
    return QIcon(new PaletteIconEngine(resourcePath(id)));
}

QList<Icon> all()
{
    QList<Icon> ids;
    for (int i = 0; i < int(Icon::Count); ++i)
        ids << Icon(i);
    return ids;
}

} // namespace shopdesk::Icons
