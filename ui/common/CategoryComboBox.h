#pragma once

#include "models/catalog/CategoryStore.h"

#include <QComboBox>

namespace shopdesk {

// The choice of a product's category: "(no category)" and every category
// by its path ("Dairy / Milk"), filled through CatalogService off the GUI
// thread. A category chosen before the list arrives is selected once it does.
class CategoryComboBox : public QComboBox
{
    Q_OBJECT
public:
    explicit CategoryComboBox(QWidget *parent = nullptr);

    void reload();
    // The chosen category's id, 0 for none (the one asked for while loading).
    qint64 currentCategoryId() const;
    void setCurrentCategoryId(qint64 id);
    bool isLoaded() const { return m_loaded; }

signals:
    void categoriesLoaded();
    void loadFailed(const QString &message);

private:
    void fill();

    QList<Category> m_categories;
    qint64 m_wanted = 0;
    bool m_loaded = false;
};

} // namespace shopdesk
