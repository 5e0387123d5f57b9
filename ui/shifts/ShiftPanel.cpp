#include "ShiftPanel.h"

#include "CashMovementDialog.h"
#include "CloseShiftDialog.h"
#include "OpenShiftDialog.h"
#include "models/checkout/ReceiptPrintQueue.h"
#include "models/core/Money.h"
#include "models/core/Permissions.h"
#include "models/core/TaskRunner.h"
#include "models/settings/AppSettings.h"
#include "models/shifts/ShiftReceipt.h"
#include "models/shifts/ShiftsService.h"
#include "models/shops/ShopTime.h"
#include "ui/checkout/ReceiptPrinting.h"
#include "ui/common/PageToolBar.h"

#include <QAction>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

ShiftPanel::ShiftPanel(const Session &session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_till(AppSettings().tillName()),
      m_state(new QLabel(this)),
      m_report(new QPlainTextEdit(this)),
      m_hideReport(new QPushButton(tr("Hide the report"), this)),
      m_print(new QPushButton(Icons::icon(Icon::Print), tr("&Print the report"), this)),
      m_printQueue(new ReceiptPrintQueue(this))
{
    m_state->setObjectName(u"shiftState"_s);
    m_report->setObjectName(u"shiftReport"_s);
    m_report->setReadOnly(true);
    m_report->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_report->hide();
    m_hideReport->setObjectName(u"hideShiftReport"_s);
    m_hideReport->hide();
    m_print->setObjectName(u"printShiftReport"_s);
    m_print->hide();
    connect(m_print, &QPushButton::clicked, this, &ShiftPanel::printReport);
    connect(m_hideReport, &QPushButton::clicked, this, [this] {
        m_report->hide();
        m_hideReport->hide();
        m_print->hide();
    });

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_state, 1);
    row->addWidget(m_print);
    row->addWidget(m_hideReport);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_report);

    connect(m_printQueue, &ReceiptPrintQueue::failed, this,
            [this](int, const QString &title, const QString &error) {
                emit message(tr("The %1 was not printed: %2").arg(title, error),
                             MessageBanner::Type::Warning);
            });
    m_state->setText(tr("Till %1: looking for the shift…").arg(m_till));
}

void ShiftPanel::addActionsTo(PageToolBar *toolbar)
{
    m_openAction = toolbar->addPageAction(Icon::OpenShift, tr("&Open shift…"), {}, this,
                                          &ShiftPanel::askToOpen);
    m_cashAction = toolbar->addPageAction(Icon::CashInOut, tr("Cash &in/out…"), {}, this,
                                          &ShiftPanel::askToMoveCash);
    m_xAction = toolbar->addPageAction(Icon::ShiftReport, tr("&X report"), {}, this,
                                       &ShiftPanel::showXReport);
    m_zAction = toolbar->addPageAction(Icon::CloseShift, tr("&Z report (close shift)…"), {}, this,
                                       &ShiftPanel::askToClose);
    toolbar->setName(m_openAction, u"openShift"_s);
    toolbar->setName(m_cashAction, u"cashInOut"_s);
    toolbar->setName(m_xAction, u"xReport"_s);
    toolbar->setName(m_zAction, u"zReport"_s);
    updateActions();
}

void ShiftPanel::setShop(const Shop &shop)
{
    m_session.shop = shop;
    m_session.actor.shopId = shop.id;
    refresh();
}

QString ShiftPanel::till() const
{
    return m_till;
}

void ShiftPanel::setTill(const QString &till)
{
    m_till = till;
    refresh();
}

QString ShiftPanel::reportText() const
{
    return m_report->toPlainText();
}

void ShiftPanel::refresh()
{
    const ShiftsService shifts(m_session.actor, m_session.shop.id, m_till);
    whenReady(this, shifts.current(), [this](const Result<std::optional<ShiftReport>> &current) {
        if (!current) {
            emit message(current.error().message, MessageBanner::Type::Warning);
            return;
        }
        setOpen(current.value());
    });
}

void ShiftPanel::setOpen(const std::optional<ShiftReport> &report)
{
    const bool was = m_open.has_value();
    m_open = report;
    m_known = true;
    m_state->setText(report ? tr("Till %1: shift open since %2 (%3).")
                                  .arg(m_till,
                                       ShopTime::format(report->openedAt, m_session.shop.timeZone),
                                       report->openedBy)
                            : tr("Till %1: no shift is open.").arg(m_till));
    updateActions();
    if (was != report.has_value() || !was)
        emit stateChanged(report.has_value());
}

void ShiftPanel::updateActions()
{
    if (!m_openAction)
        return;
    m_openAction->setEnabled(!m_open);
    for (QAction *a : {m_cashAction, m_xAction, m_zAction})
        a->setEnabled(m_open.has_value());
    // Someone who does not sell (the head office) has no till and no shift.
    const bool sells = hasPermission(m_session.actor.role, Permission::Sell);
    for (QAction *a : {m_openAction, m_cashAction, m_xAction, m_zAction})
        a->setVisible(sells);
}

void ShiftPanel::takeKeyboardBack()
{
    // After a dialog the window must have the keyboard again, even where no
    // window manager hands it back (the till's keys are window shortcuts).
    window()->activateWindow();
    emit dialogClosed();
}

void ShiftPanel::askToOpen()
{
    OpenShiftDialog dialog(m_till, AppSettings().lastFloat(), this);
    const bool accepted = dialog.exec() == QDialog::Accepted;
    takeKeyboardBack();
    if (accepted)
        open(dialog.openingCash());
}

void ShiftPanel::open(qint64 openingCash)
{
    const ShiftsService shifts(m_session.actor, m_session.shop.id, m_till);
    whenReady(this, shifts.open(openingCash), [this, openingCash](const Result<ShiftReport> &r) {
        if (!r) {
            emit message(r.error().message, MessageBanner::Type::Warning);
            refresh();
            return;
        }
        // The next shift starts with the same float, most days.
        AppSettings().setLastFloat(openingCash);
        setOpen(r.value());
        emit message(tr("Shift opened at till %1 with %2 in the drawer.")
                         .arg(m_till, Money::format(openingCash)),
                     MessageBanner::Type::Positive);
        emit reported(r.value());
    });
}

void ShiftPanel::askToMoveCash()
{
    CashMovementDialog dialog(this);
    const bool accepted = dialog.exec() == QDialog::Accepted;
    takeKeyboardBack();
    if (accepted)
        moveCash(dialog.direction(), dialog.amount(), dialog.reason());
}

void ShiftPanel::moveCash(CashMovement::Direction direction, qint64 amount, const QString &reason)
{
    const ShiftsService shifts(m_session.actor, m_session.shop.id, m_till);
    whenReady(this, shifts.moveCash(direction, amount, reason),
              [this, direction, amount](const Result<ShiftReport> &r) {
                  if (!r) {
                      emit message(r.error().message, MessageBanner::Type::Warning);
                      return;
                  }
                  setOpen(r.value());
                  emit message(direction == CashMovement::Direction::In
                                   ? tr("%1 put into the drawer.").arg(Money::format(amount))
                                   : tr("%1 taken out of the drawer.").arg(Money::format(amount)),
                               MessageBanner::Type::Positive);
                  show(r.value());
              });
}

void ShiftPanel::showXReport()
{
    const ShiftsService shifts(m_session.actor, m_session.shop.id, m_till);
    whenReady(this, shifts.current(), [this](const Result<std::optional<ShiftReport>> &current) {
        if (!current) {
            emit message(current.error().message, MessageBanner::Type::Warning);
            return;
        }
        setOpen(current.value());
        if (!current.value()) {
            emit message(tr("Till %1 has no open shift.").arg(m_till),
                         MessageBanner::Type::Information);
            return;
        }
        show(*current.value());
    });
}

void ShiftPanel::askToClose()
{
    if (!m_open)
        return;
    CloseShiftDialog dialog(m_till, this);
    const bool accepted = dialog.exec() == QDialog::Accepted;
    takeKeyboardBack();
    if (accepted)
        close(dialog.counted());
}

void ShiftPanel::close(const CashCount &counted)
{
    const ShiftsService shifts(m_session.actor, m_session.shop.id, m_till);
    whenReady(this, shifts.close(counted), [this](const Result<ShiftReport> &r) {
        if (!r) {
            emit message(r.error().message, MessageBanner::Type::Warning);
            refresh();
            return;
        }
        setOpen(std::nullopt);
        show(r.value());
        const qint64 diff = r->overShort().value_or(0);
        emit message(
            diff < 0       ? tr("Shift closed. The drawer is %1 short.").arg(Money::format(-diff))
                : diff > 0 ? tr("Shift closed. The drawer is %1 over.").arg(Money::format(diff))
                           : tr("Shift closed. The drawer adds up."),
            diff == 0 ? MessageBanner::Type::Positive : MessageBanner::Type::Warning);
        // The Z report goes on paper at once: it is the shift's record.
        if (!AppSettings().receiptPrinter().isEmpty())
            printReport();
    });
}

void ShiftPanel::show(const ShiftReport &report)
{
    m_last = report;
    const Receipt text = ShiftReceipt::forReport(report, m_session.shop);
    m_report->setPlainText(text.text());
    // The whole report at once where the window allows (it is read, then hidden).
    const int lines = int(text.lines.size()) + 1;
    m_report->setFixedHeight(
        qMin(m_report->fontMetrics().lineSpacing() * lines + 2 * m_report->frameWidth() + 8,
             qMax(160, window()->height() / 2)));
    m_report->show();
    m_hideReport->show();
    m_print->show();
    emit reported(report);
}

void ShiftPanel::printReport()
{
    if (!m_last)
        return;
    const Receipt receipt = ShiftReceipt::forReport(*m_last, m_session.shop);
    const QString title = m_last->isClosed() ? tr("Z report of shift %1").arg(m_last->shiftId)
                                             : tr("X report of shift %1").arg(m_last->shiftId);
    const QString printer = AppSettings().receiptPrinter();
    if (!printer.isEmpty()) {
        m_printQueue->enqueueAt(printer, title, receipt.escPos());
        return;
    }
    QPrinter qprinter(QPrinter::HighResolution);
    QPrintDialog dialog(&qprinter, this);
    dialog.setWindowTitle(tr("Print the %1").arg(title));
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!printReceipt(receipt, &qprinter, &error))
        emit message(error, MessageBanner::Type::Warning);
}

} // namespace shopdesk
