#pragma once

#include "models/shifts/CashCount.h"
#include "models/shifts/ShiftReport.h"
#include "ui/Session.h"
#include "ui/common/MessageBanner.h"

#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace shopdesk {

class PageToolBar;
class ReceiptPrintQueue;

// A till's shift where the cashier works (the till and the Orders page):
// whether one is open and since when, the actions that open it, move cash
// in and out, show the X report and close it with the Z report, and the
// last report (printed to the receipt printer, or through the print dialog
// to paper or a PDF).
class ShiftPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ShiftPanel(const Session &session, QWidget *parent = nullptr);

    // Puts the shift's actions on a page's toolbar (their keys work on that page).
    void addActionsTo(PageToolBar *toolbar);
    void setShop(const Shop &shop);
    QString till() const;
    void setTill(const QString &till);

    bool isOpen() const { return m_open.has_value(); }
    // Whether the database has answered yet (until then isOpen() is false
    // for want of an answer, not because the till has no shift).
    bool isKnown() const { return m_known; }
    const std::optional<ShiftReport> &openShift() const { return m_open; }
    // The last X or Z report as shown (and printed).
    QString reportText() const;

public slots:
    // Asks the database whether the till has a shift open.
    void refresh();
    // The dialogs: the float, cash in or out, the counted cash.
    void askToOpen();
    void askToMoveCash();
    void askToClose();
    // The same without the dialogs.
    void open(qint64 openingCash);
    void moveCash(shopdesk::CashMovement::Direction direction, qint64 amount,
                  const QString &reason);
    void close(const shopdesk::CashCount &counted);
    void showXReport();
    // The last report on the receipt printer, or through the print dialog.
    void printReport();

signals:
    // The till's shift opened, closed or was found either way.
    void stateChanged(bool open);
    void reported(const shopdesk::ShiftReport &report);
    void message(const QString &text, shopdesk::MessageBanner::Type type);
    // One of its dialogs closed: the page gives the focus back where it belongs.
    void dialogClosed();

private:
    void setOpen(const std::optional<ShiftReport> &report);
    void show(const ShiftReport &report);
    void updateActions();
    void takeKeyboardBack();

    Session m_session;
    QString m_till;
    std::optional<ShiftReport> m_open;
    bool m_known = false;
    std::optional<ShiftReport> m_last;
    QLabel *m_state;
    QPlainTextEdit *m_report;
    QPushButton *m_hideReport;
    QPushButton *m_print;
    QAction *m_openAction = nullptr;
    QAction *m_cashAction = nullptr;
    QAction *m_xAction = nullptr;
    QAction *m_zAction = nullptr;
    ReceiptPrintQueue *m_printQueue;
};

} // namespace shopdesk
