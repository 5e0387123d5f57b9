#include "SupplierDialog.h"

#include "models/core/TaskRunner.h"
#include "models/suppliers/SupplierStore.h"
#include "models/suppliers/SuppliersService.h"
#include "ui/common/MessageBanner.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

SupplierDialog::SupplierDialog(const Session &session, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_banner(new MessageBanner(this)),
      m_name(new QLineEdit(this)),
      m_taxId(new QLineEdit(this)),
      m_contacts(new QPlainTextEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"supplierDialog"_s);
    setWindowTitle(tr("New supplier"));
    m_name->setObjectName(u"name"_s);
    m_name->setMaxLength(SupplierStore::kMaxName);
    m_taxId->setObjectName(u"taxId"_s);
    m_taxId->setMaxLength(SupplierStore::kMaxTaxId);
    m_taxId->setPlaceholderText(tr("INN or VAT number"));
    m_contacts->setObjectName(u"contacts"_s);
    m_contacts->setPlaceholderText(tr("people, phones, e-mail"));
    m_contacts->setTabChangesFocus(true);
    m_contacts->setFixedHeight(m_contacts->fontMetrics().lineSpacing() * 4 + 12);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Tax id:"), m_taxId);
    form->addRow(tr("&Contacts:"), m_contacts);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SupplierDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *column = new QVBoxLayout(this);
    column->addWidget(m_banner);
    column->addLayout(form);
    column->addWidget(m_buttons);
    setMinimumWidth(460);
}

void SupplierDialog::setName(const QString &name)
{
    m_name->setText(name);
}

void SupplierDialog::accept()
{
    Supplier s;
    s.name = m_name->text();
    s.taxId = m_taxId->text();
    s.contacts = m_contacts->toPlainText();
    const auto show = [this](const StoreError &error) {
        m_banner->showMessage(error.message);
        if (error.field == u"tax_id"_s)
            m_taxId->setFocus();
        else if (error.field == u"contacts"_s)
            m_contacts->setFocus();
        else
            m_name->setFocus();
        emit failed(error.message);
    };
    if (auto invalid = SupplierStore::validate(s)) {
        show(*invalid);
        return;
    }
    m_buttons->setEnabled(false);
    whenReady(this, SuppliersService(m_session.actor).create(s),
              [this, show](const Result<Supplier> &saved) {
                  m_buttons->setEnabled(true);
                  if (!saved) {
                      show(saved.error());
                      return;
                  }
                  m_supplier = saved.value();
                  QDialog::accept();
              });
}

} // namespace shopdesk
