#pragma once

#include "models/staff/StaffStore.h"
#include "ui/Session.h"

#include <QFuture>
#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QStandardItemModel;
class QTableView;

namespace shopdesk {

class ListPager;
class MessageBanner;

// Staff accounts (administrators only): who can sign in, with which role,
// with a PIN or not, and who is locked out; create, deactivate, activate,
// change role, reset password, set or remove a PIN. Other roles see why the
// controls are disabled; the store refuses them anyway.
class StaffPage : public QWidget
{
    Q_OBJECT
public:
    enum Column { Login, Name, RoleColumn, Active, Pin, LockedUntil, ColumnCount };

    explicit StaffPage(const Session &session, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    // The account on the current row, if any.
    std::optional<StaffMember> selected() const;
    // Makes the row of that login current; false when it is not listed.
    bool select(const QString &login);

signals:
    // The table shows the accounts as they were just read (after every change too).
    void loaded();

public slots:
    void reload();
    void newStaff();
    void deactivateSelected();
    void activateSelected();
    void changeRoleOfSelected();
    void resetPasswordOfSelected();
    void setPinOfSelected();

protected:
    // The list is read again each time the page is shown: lockouts come and
    // go, and another administrator may have changed something.
    void showEvent(QShowEvent *event) override;

private:
    void showStaff(const QList<StaffMember> &staff);
    void updateActions();
    // Runs `change` off the GUI thread; then shows `done` (or the error) in
    // the banner and reloads the table.
    // Waits for a change of an account, then tells how it went and reloads.
    void apply(QFuture<Result<void>> change, const QString &done);

    Session m_session;
    bool m_mayManage;
    QList<StaffMember> m_staff;
    MessageBanner *m_banner;
    QLabel *m_notice;
    QStandardItemModel *m_model;
    QTableView *m_table;
    ListPager *m_pager = nullptr;
    QAction *m_new;
    QAction *m_deactivate;
    QAction *m_activate;
    QAction *m_changeRole;
    QAction *m_resetPassword;
    QAction *m_setPin;
    QAction *m_refresh;
    int m_loadGeneration = 0; // a reload's answer is used only if no later one was asked for
    bool m_busy = false; // a change is on its way: no second one until it is done
};

} // namespace shopdesk
