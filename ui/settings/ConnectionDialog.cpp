#include "ConnectionDialog.h"

#include "models/core/TaskRunner.h"
#include "models/db/PgPassFile.h"
#include "models/settings/AppSettings.h"
#include "models/setup/SetupService.h"
#include "ui/common/MessageBanner.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent),
      m_banner(new MessageBanner(this)),
      m_embedded(new QRadioButton(tr("&Built-in database on this computer"), this)),
      m_server(new QRadioButton(tr("PostgreSQL &server"), this)),
      m_serverFields(new QWidget(this)),
      m_host(new QLineEdit(u"localhost"_s, m_serverFields)),
      m_port(new QSpinBox(m_serverFields)),
      m_database(new QLineEdit(u"shopdesk"_s, m_serverFields)),
      m_user(new QLineEdit(m_serverFields)),
      m_password(new QLineEdit(m_serverFields))
{
    setWindowTitle(tr("Database connection"));
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_password->setEchoMode(QLineEdit::Password);
    m_host->setObjectName(u"host"_s);
    m_database->setObjectName(u"database"_s);
    m_user->setObjectName(u"user"_s);
    m_password->setObjectName(u"password"_s);

    auto *form = new QFormLayout(m_serverFields);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("P&ort:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_test = buttons->addButton(tr("&Test connection"), QDialogButtonBox::ActionRole);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_server, &QRadioButton::toggled, this, &ConnectionDialog::updateEnabled);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_embedded);
    layout->addWidget(m_server);
    layout->addWidget(m_serverFields);
    layout->addWidget(buttons);
    setMinimumWidth(440);
    m_embedded->setChecked(true);
    updateEnabled();
}

void ConnectionDialog::setMessage(const QString &text)
{
    m_banner->showMessage(text, MessageBanner::Type::Warning);
}

void ConnectionDialog::setConfig(const std::optional<DbConfig> &config)
{
    m_server->setChecked(config.has_value());
    m_embedded->setChecked(!config.has_value());
    if (config) {
        m_host->setText(config->host);
        m_port->setValue(config->port);
        m_database->setText(config->database);
        m_user->setText(config->user);
        m_password->setText(config->password);
    }
    updateEnabled();
}

std::optional<DbConfig> ConnectionDialog::config() const
{
    if (!m_server->isChecked())
        return std::nullopt;
    DbConfig c;
    c.host = m_host->text().trimmed();
    c.port = m_port->value();
    c.database = m_database->text().trimmed();
    c.user = m_user->text().trimmed();
    c.password = m_password->text();
    return c;
}

void ConnectionDialog::updateEnabled()
{
    m_serverFields->setEnabled(m_server->isChecked());
    m_test->setEnabled(m_server->isChecked());
}

std::optional<StoreError> ConnectionDialog::validateForm() const
{
    if (!m_server->isChecked())
        return std::nullopt;
    if (m_host->text().trimmed().isEmpty())
        return StoreError::invalid(u"host"_s, tr("Enter the server's host name or address."));
    if (m_database->text().trimmed().isEmpty())
        return StoreError::invalid(u"database"_s, tr("Enter the name of the database."));
    if (m_user->text().trimmed().isEmpty())
        return StoreError::invalid(u"user"_s, tr("Enter the user name to sign in to the server."));
    return std::nullopt;
}

void ConnectionDialog::testConnection()
{
    if (auto invalid = validateForm()) {
        m_banner->showMessage(invalid->message);
        return;
    }
    const DbConfig target = *config();
    m_test->setEnabled(false);
    m_banner->showMessage(tr("Connecting to %1…").arg(target.displayName()),
                          MessageBanner::Type::Information);
    whenReady(this, SetupService().tryConnect(target), [this, target](const Result<void> &tried) {
        m_test->setEnabled(true);
        if (tried)
            m_banner->showMessage(tr("Connected to %1.").arg(target.displayName()),
                                  MessageBanner::Type::Positive);
        else
            m_banner->showMessage(
                tr("Cannot connect to %1: %2").arg(target.displayName(), tried.error().message));
    });
}

void ConnectionDialog::save()
{
    if (auto invalid = validateForm()) {
        m_banner->showMessage(invalid->message);
        return;
    }
    AppSettings settings;
    const std::optional<DbConfig> chosen = config();
    if (!chosen) {
        settings.setDatabaseUrl({});
        accept();
        return;
    }
    if (!chosen->password.isEmpty()) {
        QString error;
        if (!PgPassFile().store(*chosen, &error)) {
            m_banner->showMessage(tr("Cannot save the password: %1").arg(error));
            return;
        }
    }
    DbConfig withoutPassword = *chosen;
    withoutPassword.password.clear();
    settings.setDatabaseUrl(withoutPassword.toUrl());
    accept();
}

} // namespace shopdesk
