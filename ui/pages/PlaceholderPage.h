#pragma once

#include <QWidget>

namespace shopdesk {

// A page whose screen is still being built: its title and what it will do.
class PlaceholderPage : public QWidget
{
    Q_OBJECT
public:
    PlaceholderPage(const QString &title, const QString &description, QWidget *parent = nullptr);
};

} // namespace shopdesk
