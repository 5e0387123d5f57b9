#include "VoidedSalesDialog.h"

#include "models/checkout/HeldSalesService.h"
#include "models/core/Money.h"
#include "models/core/Quantity.h"
#include "models/core/TaskRunner.h"
#include "models/shops/ShopTime.h"
#include "ui/common/MessageBanner.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

enum Column { When, Till, Cashier, What, Total, ColumnCount };

} // namespace

VoidedSalesDialog::VoidedSalesDialog(const Actor &actor, qint64 shopId, const QString &shopTimeZone,
                                     QWidget *parent)
    : QDialog(parent),
      m_actor(actor),
      m_shopId(shopId),
      m_shopTimeZone(shopTimeZone),
      m_banner(new MessageBanner(this)),
      m_period(new QComboBox(this)),
      m_tree(new QTreeWidget(this)),
      m_summary(new QLabel(this))
{
    setWindowTitle(tr("Voided sales"));
    setObjectName(u"voidedSalesDialog"_s);
    m_period->setObjectName(u"period"_s);
    m_period->addItem(tr("Today"), 1);
    m_period->addItem(tr("Last 7 days"), 7);
    m_period->addItem(tr("Last 30 days"), 30);
    m_tree->setObjectName(u"voidedSales"_s);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("When"), tr("Till"), tr("Cashier"), tr("Lines"), tr("Total")});
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(What, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_summary->setObjectName(u"summary"_s);

    auto *periodLabel = new QLabel(tr("&Period:"), this);
    periodLabel->setBuddy(m_period);
    auto *top = new QHBoxLayout;
    top->addWidget(periodLabel);
    top->addWidget(m_period);
    top->addStretch(1);
    top->addWidget(m_summary);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(top);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);
    resize(760, 440);

    connect(m_period, &QComboBox::currentIndexChanged, this, &VoidedSalesDialog::load);
    m_period->setCurrentIndex(1);
    load();
    m_tree->setFocus();
}

void VoidedSalesDialog::load()
{
    // From the start of the shop's day, `days` days back counting today.
    const int days = m_period->currentData().toInt();
    const QTimeZone zone = ShopTime::zone(m_shopTimeZone);
    const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(zone).date();
    const QDateTime since(today.addDays(1 - days), QTime(0, 0), zone);
    const int request = ++m_request;
    m_summary->setText(tr("Loading…"));
    whenReady(this, HeldSalesService(m_actor).voided(m_shopId, since),
              [this, request](const Result<QList<VoidedSale>> &voided) {
                  if (request != m_request)
                      return;
                  if (!voided) {
                      m_summary->clear();
                      m_banner->showMessage(voided.error().message);
                      return;
                  }
                  m_banner->hideMessage();
                  showVoided(voided.value());
              });
}

void VoidedSalesDialog::showVoided(const QList<VoidedSale> &voided)
{
    m_tree->clear();
    qint64 sum = 0;
    const QLocale locale;
    for (const VoidedSale &v : voided) {
        sum += v.total;
        auto *sale = new QTreeWidgetItem(m_tree);
        sale->setText(When, ShopTime::format(v.at, m_shopTimeZone));
        sale->setText(Till, v.till);
        sale->setText(Cashier, v.cashier);
        sale->setText(What, tr("%Ln line(s)", nullptr, int(v.lines.size())));
        sale->setText(Total, Money::format(v.total));
        sale->setTextAlignment(Total, Qt::AlignRight | Qt::AlignVCenter);
        for (const VoidedLine &l : v.lines) {
            auto *line = new QTreeWidgetItem(sale);
            const QString price = l.soldByWeight ? tr("%1/kg").arg(Money::format(l.unitPrice))
                                                 : Money::format(l.unitPrice);
            line->setText(
                What,
                tr("%1 %2 × %3 at %4")
                    .arg(l.plu, l.name, Quantity::format(l.quantity, l.soldByWeight), price));
        }
    }
    m_tree->expandAll();
    for (int c : {When, Till, Cashier, Total})
        m_tree->resizeColumnToContents(c);
    if (m_tree->topLevelItemCount() > 0)
        m_tree->setCurrentItem(m_tree->topLevelItem(0));
    m_summary->setText(
        voided.size() >= HeldSaleStore::kMaxVoidedListed
            ? tr("The latest %Ln voided sale(s), %1", nullptr, int(voided.size()))
                  .arg(Money::format(sum))
            : tr("%Ln voided sale(s), %1", nullptr, int(voided.size())).arg(Money::format(sum)));
}

} // namespace shopdesk
