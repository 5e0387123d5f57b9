#pragma once

#include "ui/Session.h"

#include <QWidget>

class QLabel;

namespace shopdesk {

class MessageBanner;
class ShopComboBox;

// Settings of this till: which shop it serves and which database it uses.
class SettingsPage : public QWidget
{
    Q_OBJECT
public:
    explicit SettingsPage(const Session &session, QWidget *parent = nullptr);

signals:
    void shopChanged(const shopdesk::Shop &shop);
    void lowStockThresholdChanged(int threshold);
    void lockAfterMinutesChanged(int minutes);

private:
    void chooseShop();
    void changeConnection();

    Session m_session;
    MessageBanner *m_banner;
    ShopComboBox *m_shop;
    QLabel *m_database;
};

} // namespace shopdesk
