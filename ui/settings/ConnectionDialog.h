#pragma once

#include "models/core/StoreError.h"
#include "models/db/DbConfig.h"

#include <QDialog>

#include <optional>

class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QWidget;

namespace shopdesk {

class MessageBanner;

// Chooses the database: ShopDesk's built-in one, or a PostgreSQL server.
// The choice is saved in the settings and the password in the libpq
// password file (PgPassFile), never in the settings.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget *parent = nullptr);

    // Fills the form from `config` (std::nullopt: the built-in database).
    void setConfig(const std::optional<DbConfig> &config);
    // The chosen server, or std::nullopt for the built-in database.
    std::optional<DbConfig> config() const;
    // Shown above the form, e.g. why the dialog opened.
    void setMessage(const QString &text);

private:
    void testConnection();
    void save();
    void updateEnabled();
    std::optional<StoreError> validateForm() const;

    MessageBanner *m_banner;
    QRadioButton *m_embedded;
    QRadioButton *m_server;
    QWidget *m_serverFields;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QPushButton *m_test;
};

} // namespace shopdesk
