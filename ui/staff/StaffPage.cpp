#include "StaffPage.h"

#include "StaffDialog.h"
#include "StaffRoleDialog.h"
#include "StaffSecretDialog.h"
#include "models/core/Permissions.h"
#include "models/core/TaskRunner.h"
#include "models/shops/ShopTime.h"
#include "models/staff/StaffService.h"
#include "ui/common/ListPager.h"
#include "ui/common/MessageBanner.h"
#include "ui/common/PageTitle.h"
#include "ui/common/PageToolBar.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QShowEvent>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

QString nameOf(const StaffMember &m)
{
    return u"%1 (%2)"_s.arg(m.displayName, m.login);
}

} // namespace

StaffPage::StaffPage(const Session &session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_mayManage(hasPermission(session.actor.role, Permission::ManageStaff)),
      m_banner(new MessageBanner(this)),
      m_notice(new QLabel(this)),
      m_model(new QStandardItemModel(0, ColumnCount, this)),
      m_table(new QTableView(this))
{
    auto *heading = createPageTitle(tr("Staff"), this);

    auto *toolbar = new PageToolBar(this);
    toolbar->setObjectName(u"staffToolbar"_s);
    const struct
    {
        QAction *&action;
        Icon icon;
        QString text;
        QKeySequence keys;
        void (StaffPage::*slot)();
        QString name;
    } actions[] = {
        {m_new, Icon::New, tr("&New…"), QKeySequence(Qt::CTRL | Qt::Key_N), &StaffPage::newStaff,
         u"newStaff"_s},
        {m_deactivate, Icon::Deactivate, tr("&Deactivate"), QKeySequence(Qt::Key_Delete),
         &StaffPage::deactivateSelected, u"deactivateStaff"_s},
        {m_activate, Icon::Activate, tr("&Activate"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), &StaffPage::activateSelected,
         u"activateStaff"_s},
        {m_changeRole, Icon::ChangeRole, tr("Change &role…"), QKeySequence(Qt::CTRL | Qt::Key_E),
         &StaffPage::changeRoleOfSelected, u"changeRole"_s},
        {m_resetPassword, Icon::Password, tr("Reset &password…"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), &StaffPage::resetPasswordOfSelected,
         u"resetPassword"_s},
        {m_setPin, Icon::Pin, tr("Set P&IN…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I),
         &StaffPage::setPinOfSelected, u"setPin"_s},
        {m_refresh, Icon::Refresh, tr("Re&fresh"), QKeySequence(QKeySequence::Refresh),
         &StaffPage::reload, u"refreshStaff"_s},
    };
    for (const auto &a : actions) {
        a.action = toolbar->addPageAction(a.icon, a.text, a.keys, this, a.slot);
        toolbar->setName(a.action, a.name);
    }

    m_model->setHorizontalHeaderLabels(
        {tr("Login"), tr("Name"), tr("Role"), tr("Active"), tr("PIN"), tr("Locked until")});
    m_table->setObjectName(u"staffTable"_s);
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(Login, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(30);
    m_table->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Stretch);
    m_table->setColumnWidth(Login, 160);
    m_table->setColumnWidth(RoleColumn, 140);
    m_table->setColumnWidth(LockedUntil, 160);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &StaffPage::updateActions);

    m_notice->setObjectName(u"staffNotice"_s);
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);

    m_pager = new ListPager(m_table, this);
    m_pager->setEmptyText(tr("No staff accounts to show."));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(toolbar);
    layout->addWidget(m_banner);
    layout->addWidget(m_notice);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_pager);

    if (m_mayManage) {
        m_notice->hide();
    } else {
        // The list itself is for administrators: it is not even asked for.
        m_notice->setText(
            tr("Only an administrator manages staff accounts. You are signed in "
               "as %1, a %2; ask an administrator to add or change an account.")
                .arg(session.actor.displayName, roleDisplayName(session.actor.role).toLower()));
        m_table->setEnabled(false);
    }
    updateActions();
}

void StaffPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

std::optional<StaffMember> StaffPage::selected() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    const qint64 id = m_model->index(current.row(), Login).data(kIdRole).toLongLong();
    for (const StaffMember &m : m_staff)
        if (m.id == id)
            return m;
    return std::nullopt;
}

bool StaffPage::select(const QString &login)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->index(row, Login).data().toString() == login) {
            m_table->setCurrentIndex(m_model->index(row, Login));
            return true;
        }
    }
    return false;
}

void StaffPage::updateActions()
{
    const auto current = selected();
    const bool mine = current && current->id == m_session.actor.staffId;
    const bool may = m_mayManage && !m_busy;
    m_new->setEnabled(may);
    // Administrators cannot deactivate or demote themselves (the store says so
    // too); the buttons do not offer it.
    m_deactivate->setEnabled(may && current && current->active && !mine);
    m_activate->setEnabled(may && current && !current->active);
    m_changeRole->setEnabled(may && current && !mine);
    m_resetPassword->setEnabled(may && current.has_value());
    m_setPin->setEnabled(may && current.has_value());
    m_refresh->setEnabled(m_mayManage);
}

void StaffPage::reload()
{
    if (!m_mayManage)
        return;
    const int generation = ++m_loadGeneration;
    whenReady(this, StaffService(m_session.actor).list(),
              [this, generation](const Result<QList<StaffMember>> &staff) {
                  if (generation != m_loadGeneration)
                      return; // a later reload is on its way
                  if (!staff) {
                      m_banner->showMessage(staff.error().message);
                      return;
                  }
                  showStaff(staff.value());
                  emit loaded();
              });
}

void StaffPage::showStaff(const QList<StaffMember> &staff)
{
    const auto before = selected();
    m_staff = staff;
    m_model->removeRows(0, m_model->rowCount());
    const QBrush inactive = palette().brush(QPalette::Disabled, QPalette::Text);
    const QLocale locale;
    // Sorting while rows are added would move them under our feet.
    m_table->setSortingEnabled(false);
    for (const StaffMember &m : staff) {
        QList<QStandardItem *> row;
        row << new QStandardItem(m.login) << new QStandardItem(m.displayName)
            << new QStandardItem(roleDisplayName(m.role))
            << new QStandardItem(m.active ? tr("yes") : tr("no, deactivated"))
            << new QStandardItem(m.hasPin ? tr("set") : QString())
            << new QStandardItem(m.lockedUntil.isValid()
                                     ? ShopTime::format(m.lockedUntil, m_session.shop.timeZone)
                                     : QString());
        row.first()->setData(m.id, kIdRole);
        if (!m.active)
            for (QStandardItem *item : row)
                item->setForeground(inactive);
        m_model->appendRow(row);
    }
    m_table->setSortingEnabled(true);
    m_pager->setTotal(ListPager::Total::Exact, staff.size());
    if (before)
        select(before->login);
    updateActions();
}

void StaffPage::apply(QFuture<Result<void>> change, const QString &done)
{
    m_busy = true;
    updateActions();
    whenReady(this, std::move(change), [this, done](const Result<void> &result) {
        m_busy = false;
        if (result)
            m_banner->showMessage(done, MessageBanner::Type::Positive);
        else
            m_banner->showMessage(result.error().message);
        reload();
        updateActions();
    });
}

void StaffPage::newStaff()
{
    if (!m_new->isEnabled())
        return;
    StaffDialog dialog(m_session.actor, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_banner->showMessage(tr("%1 (%2) can now sign in.").arg(dialog.displayName(), dialog.login()),
                          MessageBanner::Type::Positive);
    // Show the new account selected once the list has it.
    const QString login = dialog.login();
    connect(
        this, &StaffPage::loaded, this, [this, login] { select(login); }, Qt::SingleShotConnection);
    reload();
}

void StaffPage::deactivateSelected()
{
    const auto m = selected();
    if (!m_deactivate->isEnabled() || !m)
        return;
    apply(StaffService(m_session.actor).setActive(m->id, false),
          tr("%1 is deactivated and can no longer sign in.").arg(nameOf(*m)));
}

void StaffPage::activateSelected()
{
    const auto m = selected();
    if (!m_activate->isEnabled() || !m)
        return;
    apply(StaffService(m_session.actor).setActive(m->id, true),
          tr("%1 can sign in again.").arg(nameOf(*m)));
}

void StaffPage::changeRoleOfSelected()
{
    const auto m = selected();
    if (!m_changeRole->isEnabled() || !m)
        return;
    StaffRoleDialog dialog(nameOf(*m), m->role, this);
    if (dialog.exec() != QDialog::Accepted || dialog.role() == m->role)
        return;
    const Role role = dialog.role();
    apply(StaffService(m_session.actor).changeRole(m->id, role),
          tr("%1 is now a %2.").arg(nameOf(*m), roleDisplayName(role).toLower()));
}

void StaffPage::resetPasswordOfSelected()
{
    const auto m = selected();
    if (!m_resetPassword->isEnabled() || !m)
        return;
    StaffSecretDialog dialog(StaffSecretDialog::Kind::Password, nameOf(*m), m->hasPin, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    apply(StaffService(m_session.actor).resetPassword(m->id, dialog.secret()),
          tr("%1 has a new password.").arg(nameOf(*m)));
}

void StaffPage::setPinOfSelected()
{
    const auto m = selected();
    if (!m_setPin->isEnabled() || !m)
        return;
    StaffSecretDialog dialog(StaffSecretDialog::Kind::Pin, nameOf(*m), m->hasPin, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString pin = dialog.secret();
    apply(StaffService(m_session.actor).setPin(m->id, pin),
          pin.isEmpty() ? tr("%1 no longer has a PIN.").arg(nameOf(*m))
                        : tr("%1 has a new PIN.").arg(nameOf(*m)));
}

} // namespace shopdesk
