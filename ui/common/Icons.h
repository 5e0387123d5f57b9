#pragma once

#include <QIcon>
#include <QString>

namespace shopdesk {

// Every icon ShopDesk shows, named by what it means: the same action has the
// same icon on every page, in the menus and on the till's buttons.
enum class Icon {
    // Actions that appear on many pages
    New,
    Edit,
    Delete,
    Deactivate,
    Activate,
    Export,
    ExportImage,
    Print,
    Refresh,
    Search,
    Save,
    Confirm, // OK, Yes, Apply: the dialog buttons that go ahead
    Cancel,
    Close,
    ClearFilters,
    Lock,
    SwitchUser,
    Quit,
    About,
    SyncNow,
    Retry,
    Database,
    // Paging through a list
    First,
    Previous,
    Next,
    // The pages, as the navigation shows them
    Checkout,
    Stock,
    History,
    Customers,
    Orders,
    Reports,
    Sync,
    Staff,
    Settings,
    // Stock
    NewStock,
    AdjustStock,
    Stocktake,
    GoodsReceipt, // a delivery from a supplier
    Supplier,
    // The till and its orders
    Return,
    Cash,
    Card,
    CardAndCash,
    Customer,
    Promo,
    Price,
    PriceChanges, // a document changing many prices
    Scan,
    Increase,
    Decrease,
    OpenShift,
    ShiftReport,
    CloseShift,
    CashInOut,
    ParkSale,
    RecallSale,
    VoidedSales,
    // Staff accounts
    ChangeRole,
    Password,
    Pin,
    // Customers
    ResetProblems,
    // Not an icon: how many there are (keep it last).
    Count,
};

namespace Icons {

// The icon for `id` from the bundled SVG set (resources/icons/lucide). Its
// outlines take the application palette's text colour when drawn (the
// highlighted text colour on a selected row, a greyed one when disabled), so
// the icons follow the palette and stay sharp at any size.
QIcon icon(Icon id);

// The resource the icon is drawn from, e.g. ":/icons/lucide/plus.svg".
QString resourcePath(Icon id);

// Every id (for the tests).
QList<Icon> all();

} // namespace Icons

} // namespace shopdesk
