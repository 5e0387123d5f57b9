#include "CategoryComboBox.h"

#include "models/catalog/CatalogService.h"
#include "models/core/TaskRunner.h"

#include <QSignalBlocker>

using namespace Qt::StringLiterals;

namespace shopdesk {

CategoryComboBox::CategoryComboBox(QWidget *parent) : QComboBox(parent)
{
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setEnabled(false); // nothing to choose from until the list is here
    reload();
}

void CategoryComboBox::reload()
{
    whenReady(this, CatalogService().categories(), [this](const Result<QList<Category>> &list) {
        if (!list) {
            emit loadFailed(list.error().message);
            return;
        }
        const qint64 chosen = currentCategoryId();
        m_categories = list.value();
        m_loaded = true;
        m_wanted = chosen;
        fill();
        setEnabled(true);
        emit categoriesLoaded();
    });
}

void CategoryComboBox::fill()
{
    const QSignalBlocker blocker(this);
    clear();
    addItem(tr("(no category)"), qint64(0));
    for (const Category &c : std::as_const(m_categories))
        addItem(c.path, c.id);
    setCurrentIndex(qMax(0, findData(m_wanted)));
}

qint64 CategoryComboBox::currentCategoryId() const
{
    if (!m_loaded || currentIndex() < 0)
        return m_wanted;
    return currentData().toLongLong();
}

void CategoryComboBox::setCurrentCategoryId(qint64 id)
{
    m_wanted = id;
    if (m_loaded)
        fill();
}

} // namespace shopdesk
