#include "SyncPage.h"

#include "models/core/Permissions.h"
#include "models/core/TaskRunner.h"
#include "models/settings/AppSettings.h"
#include "models/shops/ShopTime.h"
#include "models/sync/RefusalReason.h"
#include "models/sync/SyncService.h"
#include "ui/common/Icons.h"
#include "ui/common/MessageBanner.h"
#include "ui/common/PageTitle.h"
#include "ui/common/PageToolBar.h"

#include <QAction>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStandardItemModel>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

SyncPage::SyncPage(const Session &session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_banner(new MessageBanner(this)),
      m_url(new QLineEdit(AppSettings().centralUrl(), this)),
      m_shopCode(new QLineEdit(AppSettings().centralShopCode(), this)),
      m_token(new QLineEdit(this)),
      m_state(new QLabel(this)),
      m_unsent(new QLabel(this)),
      m_rejected(new QLabel(this)),
      m_lastSync(new QLabel(this)),
      m_lastError(new QLabel(this)),
      m_events(new QStandardItemModel(0, 6, this)),
      m_table(new QTableView(this))
{
    auto *heading = createPageTitle(tr("Sync"), this);
    auto *toolbar = new PageToolBar(this);
    // F9 from anywhere in the window, as the button it was.
    m_syncNow = toolbar->addPageAction(
        Icon::SyncNow, tr("&Sync now"), QKeySequence(Qt::Key_F9), this,
        [this] {
            if (m_monitor)
                m_monitor->syncNow();
        },
        Qt::WindowShortcut);
    m_retry = toolbar->addPageAction(Icon::Retry, tr("&Retry refused events"), {}, this,
                                     &SyncPage::retryRejected);
    toolbar->setName(m_syncNow, u"syncNow"_s);
    toolbar->setName(m_retry, u"retryRejected"_s);

    m_url->setObjectName(u"centralUrl"_s);
    m_url->setPlaceholderText(tr("e.g. https://central.example.com:8443"));
    m_shopCode->setObjectName(u"centralShopCode"_s);
    m_shopCode->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"[A-Za-z0-9_-]{0,32}"_s), m_shopCode));
    m_shopCode->setPlaceholderText(m_session.shop.code);
    m_token->setObjectName(u"centralToken"_s);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("printed by shopdesk-central --issue-token"));
    auto *save = new QPushButton(Icons::icon(Icon::Save), tr("Save and &connect"), this);
    save->setObjectName(u"saveCentral"_s);
    auto *centralBox = new QGroupBox(tr("Central server"), this);
    auto *centralForm = new QFormLayout(centralBox);
    centralForm->addRow(tr("&URL:"), m_url);
    centralForm->addRow(tr("Shop &code:"), m_shopCode);
    centralForm->addRow(tr("&Token:"), m_token);
    centralForm->addRow(QString(), save);

    m_state->setObjectName(u"syncState"_s);
    m_unsent->setObjectName(u"unsentCount"_s);
    m_rejected->setObjectName(u"rejectedCount"_s);
    m_lastSync->setObjectName(u"lastSync"_s);
    m_lastError->setObjectName(u"lastError"_s);
    m_lastError->setWordWrap(true);
    m_lastError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_syncNow->setToolTip(tr("Push the waiting events and pull the catalog now (F9)."));
    m_retry->setToolTip(tr("Send the events central refused once more, after head office "
                           "did what the Last error column asks. Those refused for a product head "
                           "office lacked go again by themselves."));
    auto *statusBox = new QGroupBox(tr("Status"), this);
    auto *statusForm = new QFormLayout(statusBox);
    statusForm->addRow(tr("Central:"), m_state);
    statusForm->addRow(tr("Waiting to be sent:"), m_unsent);
    statusForm->addRow(tr("Refused by central:"), m_rejected);
    statusForm->addRow(tr("Last sync:"), m_lastSync);
    statusForm->addRow(tr("Last error:"), m_lastError);

    m_events->setHorizontalHeaderLabels(
        {tr("Event"), tr("Type"), tr("Recorded"), tr("Attempts"), tr("State"), tr("Last error")});
    m_table->setObjectName(u"pendingEvents"_s);
    m_table->setModel(m_events);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *top = new QHBoxLayout;
    top->addWidget(centralBox, 1);
    top->addWidget(statusBox, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(toolbar);
    layout->addWidget(m_banner);
    layout->addLayout(top);
    layout->addWidget(new QLabel(tr("Events not yet acknowledged by central (oldest first, "
                                    "refused ones on top):"),
                                 this));
    layout->addWidget(m_table, 1);

    // Where the till syncs to is a manager's or an administrator's choice.
    const bool mayConfigure = hasPermission(session.actor.role, Permission::ConfigureTill);
    for (QWidget *w : {static_cast<QWidget *>(m_url), static_cast<QWidget *>(m_shopCode),
                       static_cast<QWidget *>(m_token), static_cast<QWidget *>(save)}) {
        w->setEnabled(mayConfigure);
        if (!mayConfigure)
            w->setToolTip(checkPermission(session.actor.role, Permission::ConfigureTill)->message);
    }
    m_retry->setEnabled(mayConfigure);
    if (!mayConfigure)
        m_retry->setToolTip(
            checkPermission(session.actor.role, Permission::ConfigureTill)->message);
    connect(save, &QPushButton::clicked, this, &SyncPage::saveCentral);
    setSyncMonitor(nullptr);
}

void SyncPage::setSyncMonitor(SyncMonitor *monitor)
{
    if (m_monitor)
        disconnect(m_monitor, nullptr, this, nullptr);
    m_monitor = monitor;
    m_syncNow->setEnabled(monitor != nullptr);
    if (!monitor) {
        showStatus(SyncStatus());
        return;
    }
    connect(monitor, &SyncMonitor::statusChanged, this, &SyncPage::showStatus);
    // The list follows each finished sync, but only while it is on screen.
    connect(monitor, &SyncMonitor::finished, this, [this] {
        if (isVisible())
            reload();
    });
    showStatus(monitor->status());
}

void SyncPage::showStatus(const SyncStatus &status)
{
    const QLocale locale;
    if (!status.configured)
        m_state->setText(tr("not set up: this shop works on its own"));
    else if (status.running)
        m_state->setText(tr("syncing…"));
    else
        m_state->setText(status.online ? tr("online") : tr("offline"));
    m_unsent->setText(locale.toString(status.unsent));
    m_rejected->setText(locale.toString(status.rejected));
    m_lastSync->setText(status.lastSync.isValid()
                            ? ShopTime::format(status.lastSync, m_session.shop.timeZone)
                            : tr("never"));
    m_lastError->setText(status.lastError.isEmpty() ? tr("none") : status.lastError);
}

void SyncPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

void SyncPage::reload()
{
    whenReady(this, SyncService().pending(), [this](const Result<PendingEvents> &pending) {
        if (!pending) {
            m_banner->showMessage(pending.error().message);
            return;
        }
        const QLocale locale;
        m_events->removeRows(0, m_events->rowCount());
        for (const OutboxEvent &e : pending.value().events) {
            // A refusal in the user's words; central's code and message stay
            // at hand in the tooltip.
            auto *why = new QStandardItem(e.rejected ? RefusalReason::describe(e) : e.lastError);
            why->setToolTip(e.lastError);
            QList<QStandardItem *> row {
                new QStandardItem(locale.toString(e.id)),
                new QStandardItem(e.type),
                new QStandardItem(ShopTime::format(e.createdAt, m_session.shop.timeZone)),
                new QStandardItem(locale.toString(e.attempts)),
                new QStandardItem(e.rejected ? tr("refused") : tr("waiting")),
                why};
            row.at(0)->setData(e.id, Qt::UserRole);
            m_events->appendRow(row);
        }
        m_table->resizeColumnsToContents();
        if (!m_monitor) {
            SyncStatus status;
            status.unsent = pending.value().counts.unsent;
            status.rejected = pending.value().counts.rejected;
            showStatus(status);
        } else {
            m_monitor->refreshCounts();
        }
    });
}

void SyncPage::retryRejected()
{
    if (auto refused = checkPermission(m_session.actor.role, Permission::ConfigureTill))
        return m_banner->showMessage(refused->message);
    QList<qint64> ids; // the selected rows, or every refused event
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        ids << index.data(Qt::UserRole).toLongLong();
    whenReady(this, SyncService(m_session.actor).retryRejected(ids),
              [this](const Result<qint64> &retried) {
                  if (!retried)
                      return m_banner->showMessage(retried.error().message);
                  m_banner->showMessage(
                      tr("%Ln refused event(s) will be sent again.", nullptr, int(retried.value())),
                      MessageBanner::Type::Information);
                  if (m_monitor)
                      m_monitor->syncNow();
                  reload();
              });
}

void SyncPage::saveCentral()
{
    if (auto refused = checkPermission(m_session.actor.role, Permission::ConfigureTill))
        return m_banner->showMessage(refused->message);
    const QString urlText = m_url->text().trimmed();
    const QUrl url(urlText, QUrl::StrictMode);
    if (!urlText.isEmpty() &&
        (!url.isValid() || url.host().isEmpty() ||
         (url.scheme() != u"http"_s && url.scheme() != u"https"_s))) {
        m_url->setFocus();
        return m_banner->showMessage(
            tr("URL: \"%1\" is not an http:// or https:// address of a server.").arg(urlText));
    }
    const QString token = m_token->text().trimmed();
    if (token.size() > 200 || token.contains(u' ')) {
        m_token->setFocus();
        return m_banner->showMessage(
            tr("Token: paste it exactly as shopdesk-central printed it (one word)."));
    }
    // Events carry the codes of this database's shops; central knows the
    // shop by the token, so another code here would only be refused there.
    const QString code = m_shopCode->text().trimmed();
    if (!code.isEmpty() && code != m_session.shop.code) {
        m_shopCode->setFocus();
        return m_banner->showMessage(
            tr("Shop code: this till serves %1, whose code is %2; central must know the shop "
               "by that code (shopdesk-central --issue-token %2).")
                .arg(m_session.shop.name, m_session.shop.code));
    }
    AppSettings settings;
    settings.setCentralUrl(urlText);
    settings.setCentralShopCode(m_shopCode->text());
    settings.sync();
    m_token->clear();
    if (token.isEmpty()) {
        // The saved token stays as it was.
        m_banner->showMessage(urlText.isEmpty() ? tr("This shop no longer syncs with central.")
                                                : tr("Saved."),
                              MessageBanner::Type::Information);
        emit centralSettingsChanged();
        return;
    }
    const QString host = url.host();
    const bool loopback = host == u"localhost"_s || host.startsWith(u"127."_s) || host == u"::1"_s;
    const bool unencrypted = url.scheme() == u"http"_s && !loopback;
    whenReady(this, SyncService(m_session.actor).setCentralToken(token),
              [this, unencrypted](const Result<void> &saved) {
                  if (!saved)
                      return m_banner->showMessage(
                          tr("The token could not be saved: %1").arg(saved.error().message));
                  if (unencrypted)
                      m_banner->showMessage(
                          tr("Saved; connecting to central. The address is plain "
                             "http://: the token crosses the network unencrypted. "
                             "Use https:// unless central runs on this computer."),
                          MessageBanner::Type::Warning);
                  else
                      m_banner->showMessage(tr("Saved; connecting to central."),
                                            MessageBanner::Type::Information);
                  emit centralSettingsChanged();
              });
}

} // namespace shopdesk
