#include "VatRateComboBox.h"

#include "models/catalog/CatalogService.h"
#include "models/core/TaskRunner.h"

#include <QSignalBlocker>

using namespace Qt::StringLiterals;

namespace shopdesk {

VatRateComboBox::VatRateComboBox(QWidget *parent) : QComboBox(parent)
{
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    // Nothing to choose from until the list is here.
    setEnabled(false);
    reload();
}

void VatRateComboBox::reload()
{
    whenReady(this, CatalogService().vatRates(), [this](const Result<QList<VatRate>> &rates) {
        if (!rates) {
            emit loadFailed(rates.error().message);
            return;
        }
        const QString chosen = currentCode();
        m_rates = rates.value();
        m_loaded = true;
        m_wanted = chosen;
        fill();
        setEnabled(true);
        emit ratesLoaded();
    });
}

void VatRateComboBox::fill()
{
    const QSignalBlocker blocker(this);
    clear();
    for (const VatRate &rate : std::as_const(m_rates))
        if (rate.active || rate.code == m_wanted)
            addItem(rate.active ? rate.label : tr("%1 (no longer offered)").arg(rate.label),
                    rate.code);
    setCurrentIndex(qMax(0, findData(m_wanted)));
}

QString VatRateComboBox::currentCode() const
{
    if (!m_loaded || currentIndex() < 0)
        return m_wanted;
    return currentData().toString();
}

void VatRateComboBox::setCurrentCode(const QString &code)
{
    m_wanted = code;
    if (m_loaded)
        fill();
}

} // namespace shopdesk
