#pragma once

#include "models/catalog/VatRate.h"

#include <QComboBox>

namespace shopdesk {

// The choice of a product's VAT rate, filled from the rates list through
// CatalogService (off the GUI thread). It offers the active rates and the
// rate the product has even when that one is no longer offered; a rate
// chosen before the list arrives is selected once it does.
class VatRateComboBox : public QComboBox
{
    Q_OBJECT
public:
    explicit VatRateComboBox(QWidget *parent = nullptr);

    void reload();
    // The chosen rate's code (the one asked for while the list is loading).
    QString currentCode() const;
    void setCurrentCode(const QString &code);
    bool isLoaded() const { return m_loaded; }

signals:
    void ratesLoaded();
    void loadFailed(const QString &message);

private:
    void fill();

    QList<VatRate> m_rates;
    QString m_wanted = defaultVatCode();
    bool m_loaded = false;
};

} // namespace shopdesk
