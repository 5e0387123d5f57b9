#include "HistoryFilterBar.h"

#include "models/core/TaskRunner.h"
#include "models/history/HistoryModel.h"
#include "models/history/HistoryService.h"
#include "ui/common/BuddyLabel.h"
#include "ui/common/Icons.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
// A date box at its minimum shows "any" and does not filter.
const QDate kAnyDate(2000, 1, 1);
} // namespace

HistoryFilterBar::HistoryFilterBar(const Shop &homeShop, QWidget *parent)
    : QWidget(parent),
      m_homeShop(homeShop),
      m_shop(new QComboBox(this)),
      m_plu(new QLineEdit(this)),
      m_from(dateBox(u"dateFrom"_s)),
      m_to(dateBox(u"dateTo"_s)),
      m_actions(new QToolButton(this)),
      m_staff(new QComboBox(this)),
      m_debounce(new QTimer(this))
{
    m_shop->setObjectName(u"historyShop"_s);
    m_shop->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_shop->addItem(tr("All shops"), QVariant());
    m_plu->setObjectName(u"historyPlu"_s);
    m_plu->setPlaceholderText(tr("exact PLU"));
    m_plu->setClearButtonEnabled(true);
    m_plu->setMaximumWidth(140);
    m_staff->setObjectName(u"historyStaff"_s);
    m_staff->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_staff->addItem(tr("Anyone"), QVariant());

    // Several actions at once: a menu of check boxes.
    m_actions->setObjectName(u"historyActions"_s);
    m_actions->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_actions);
    for (const QString &action : HistoryFilter::knownActions()) {
        QAction *item = menu->addAction(HistoryModel::actionText(action));
        item->setCheckable(true);
        item->setData(action);
        connect(item, &QAction::toggled, this, [this] {
            updateActionsButton();
            scheduleUpdate();
        });
    }
    m_actions->setMenu(menu);
    updateActionsButton();

    auto *reset = new QPushButton(Icons::icon(Icon::ClearFilters), tr("C&lear filters"), this);
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(buddyLabel(tr("S&hop:"), m_shop, this), 0, 0);
    grid->addWidget(m_shop, 0, 1);
    grid->addWidget(buddyLabel(tr("P&LU:"), m_plu, this), 0, 2);
    grid->addWidget(m_plu, 0, 3);
    grid->addWidget(buddyLabel(tr("&From"), m_from, this), 0, 4);
    grid->addWidget(m_from, 0, 5);
    grid->addWidget(buddyLabel(tr("&to"), m_to, this), 0, 6);
    grid->addWidget(m_to, 0, 7);
    grid->addWidget(buddyLabel(tr("&Action:"), m_actions, this), 0, 8);
    grid->addWidget(m_actions, 0, 9);
    grid->addWidget(buddyLabel(tr("Sta&ff:"), m_staff, this), 0, 10);
    grid->addWidget(m_staff, 0, 11);
    grid->addWidget(reset, 0, 12);
    grid->setColumnStretch(13, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &HistoryFilterBar::emitFilter);
    connect(m_plu, &QLineEdit::textEdited, this, &HistoryFilterBar::scheduleUpdate);
    connect(m_plu, &QLineEdit::returnPressed, this, &HistoryFilterBar::emitFilter);
    for (QComboBox *box : {m_shop, m_staff})
        connect(box, &QComboBox::currentIndexChanged, this, &HistoryFilterBar::emitFilter);
    for (QDateEdit *box : {m_from, m_to})
        connect(box, &QDateEdit::dateChanged, this, &HistoryFilterBar::scheduleUpdate);
    connect(reset, &QPushButton::clicked, this, &HistoryFilterBar::clear);
}

QDateEdit *HistoryFilterBar::dateBox(const QString &objectName)
{
    auto *box = new QDateEdit(this);
    box->setObjectName(objectName);
    box->setCalendarPopup(true);
    box->setMinimumDate(kAnyDate);
    box->setMaximumDate(QDate(2100, 12, 31));
    box->setSpecialValueText(tr("any"));
    box->setDate(kAnyDate);
    return box;
}

void HistoryFilterBar::loadChoices()
{
    whenReady(this, HistoryService().filterChoices(),
              [this](const Result<HistoryChoices> &choices) {
                  if (!choices) {
                      emit choicesFailed(choices.error().message);
                      return;
                  }
                  setShops(choices->shops);
                  setStaff(choices->staff);
                  emit choicesLoaded();
              });
}

void HistoryFilterBar::setShops(const QList<Shop> &shops)
{
    const QSignalBlocker blocker(m_shop);
    const QVariant current = m_shop->currentData();
    m_shops = shops;
    while (m_shop->count() > 1)
        m_shop->removeItem(1);
    for (const Shop &shop : shops)
        m_shop->addItem(shop.name, shop.id);
    m_shop->setCurrentIndex(qMax(0, m_shop->findData(current)));
}

void HistoryFilterBar::setStaff(const QList<StaffName> &staff)
{
    const QSignalBlocker blocker(m_staff);
    const QVariant current = m_staff->currentData();
    while (m_staff->count() > 1)
        m_staff->removeItem(1);
    for (const StaffName &person : staff)
        m_staff->addItem(u"%1 (%2)"_s.arg(person.displayName, person.login), person.id);
    m_staff->setCurrentIndex(qMax(0, m_staff->findData(current)));
}

HistoryFilter HistoryFilterBar::filter() const
{
    HistoryFilter f;
    f.timeZone = m_homeShop.timeZone.isEmpty() ? u"UTC"_s : m_homeShop.timeZone;
    if (const QVariant shop = m_shop->currentData(); shop.isValid()) {
        f.shopId = shop.toLongLong();
        for (const Shop &s : m_shops)
            if (s.id == *f.shopId && !s.timeZone.isEmpty())
                f.timeZone = s.timeZone;
    }
    f.plu = m_plu->text().trimmed();
    if (m_from->date() != kAnyDate)
        f.dateMin = m_from->date();
    if (m_to->date() != kAnyDate)
        f.dateMax = m_to->date();
    for (const QAction *action : m_actions->menu()->actions())
        if (action->isChecked())
            f.actions << action->data().toString();
    if (const QVariant staff = m_staff->currentData(); staff.isValid())
        f.staffId = staff.toLongLong();
    return f;
}

void HistoryFilterBar::setFilter(const HistoryFilter &f)
{
    m_quiet = true;
    const int shop = f.shopId ? m_shop->findData(*f.shopId) : 0;
    m_shop->setCurrentIndex(qMax(0, shop));
    m_plu->setText(f.plu);
    m_from->setDate(f.dateMin.value_or(kAnyDate));
    m_to->setDate(f.dateMax.value_or(kAnyDate));
    for (QAction *action : m_actions->menu()->actions())
        action->setChecked(f.actions.contains(action->data().toString()));
    const int staff = f.staffId ? m_staff->findData(*f.staffId) : 0;
    m_staff->setCurrentIndex(qMax(0, staff));
    m_debounce->stop();
    m_quiet = false;
}

void HistoryFilterBar::showShop(const Shop &shop)
{
    m_homeShop = shop;
    if (m_shop->findData(shop.id) < 0) {
        const QSignalBlocker blocker(m_shop);
        m_shops << shop;
        m_shop->addItem(shop.name, shop.id);
    }
    HistoryFilter f = filter();
    f.shopId = shop.id;
    setFilter(f);
}

void HistoryFilterBar::clear()
{
    setFilter({});
    emitFilter();
}

void HistoryFilterBar::scheduleUpdate()
{
    if (!m_quiet)
        m_debounce->start();
}

void HistoryFilterBar::emitFilter()
{
    if (m_quiet)
        return;
    m_debounce->stop();
    emit filterChanged(filter());
}

void HistoryFilterBar::updateActionsButton()
{
    QStringList checked;
    for (const QAction *action : m_actions->menu()->actions())
        if (action->isChecked())
            checked << action->text();
    m_actions->setText(checked.isEmpty() ? tr("All actions")
                           : checked.size() <= 2
                           ? checked.join(u", "_s)
                           : tr("%Ln action(s)", nullptr, int(checked.size())));
}

} // namespace shopdesk
