<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>CategoryStore</name>
    <message numerus="yes">
        <location filename="../models/catalog/CategoryStore.cpp" line="213"/>
        <source>The category %1 is not empty: %n product(s) and subcategories are in it. Move them out first, or delete it moving them up.</source>
        <translation>
            <numerusform>The category %1 is not empty: %n product and subcategories are in it. Move them out first, or delete it moving them up.</numerusform>
            <numerusform>The category %1 is not empty: %n products and subcategories are in it. Move them out first, or delete it moving them up.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeliveryFile</name>
    <message numerus="yes">
        <location filename="../models/imports/DeliveryFile.cpp" line="82"/>
        <source>The file has more than %Ln product rows; split the delivery.</source>
        <translation>
            <numerusform>The file has more than %Ln product row; split the delivery.</numerusform>
            <numerusform>The file has more than %Ln product rows; split the delivery.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DemoDataGenerator</name>
    <message numerus="yes">
        <location filename="../models/demo/DemoDataGenerator.cpp" line="296"/>
        <source>Creating %Ln product(s) and their stock…</source>
        <translation>
            <numerusform>Creating %Ln product and its stock…</numerusform>
            <numerusform>Creating %Ln products and their stock…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/demo/DemoDataGenerator.cpp" line="304"/>
        <source>Writing %Ln history row(s)…</source>
        <translation>
            <numerusform>Writing %Ln history row…</numerusform>
            <numerusform>Writing %Ln history rows…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/demo/DemoDataGenerator.cpp" line="309"/>
        <source>Creating %Ln customer(s)…</source>
        <translation>
            <numerusform>Creating %Ln customer…</numerusform>
            <numerusform>Creating %Ln customers…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportRunner</name>
    <message numerus="yes">
        <location filename="../ui/common/ExportRunner.cpp" line="27"/>
        <source>%Ln row(s) written…</source>
        <translation>
            <numerusform>%Ln row written…</numerusform>
            <numerusform>%Ln rows written…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/common/ExportRunner.cpp" line="117"/>
        <source>%Ln row(s) written to %1.</source>
        <translation>
            <numerusform>%Ln row written to %1.</numerusform>
            <numerusform>%Ln rows written to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GoodsReceiptPdf</name>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="67"/>
        <source>%Ln line(s)</source>
        <translation>
            <numerusform>%Ln line</numerusform>
            <numerusform>%Ln lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeadlessSetup</name>
    <message numerus="yes">
        <location filename="../app/desk/HeadlessSetup.cpp" line="71"/>
        <source>Database %1 is ready (%Ln migration(s) applied).</source>
        <translation>
            <numerusform>Database %1 is ready (%Ln migration applied).</numerusform>
            <numerusform>Database %1 is ready (%Ln migrations applied).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LabelLayout</name>
    <message numerus="yes">
        <location filename="../models/labels/LabelLayout.cpp" line="73"/>
        <source>%Ln columns do not fit across an A4 page with these margins and gaps: each label would be %1 mm wide, at least %2 mm are needed.</source>
        <translation>
            <numerusform>%Ln column does not fit across an A4 page with these margins and gaps: the label would be %1 mm wide, at least %2 mm are needed.</numerusform>
            <numerusform>%Ln columns do not fit across an A4 page with these margins and gaps: each label would be %1 mm wide, at least %2 mm are needed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/labels/LabelLayout.cpp" line="80"/>
        <source>%Ln rows do not fit down an A4 page with these margins and gaps: each label would be %1 mm high, at least %2 mm are needed.</source>
        <translation>
            <numerusform>%Ln row does not fit down an A4 page with these margins and gaps: the label would be %1 mm high, at least %2 mm are needed.</numerusform>
            <numerusform>%Ln rows do not fit down an A4 page with these margins and gaps: each label would be %1 mm high, at least %2 mm are needed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LabelQueueStore</name>
    <message numerus="yes">
        <location filename="../models/labels/LabelQueueStore.cpp" line="212"/>
        <source>At most %Ln labels can be queued at once.</source>
        <translation>
            <numerusform>At most %Ln label can be queued at once.</numerusform>
            <numerusform>At most %Ln labels can be queued at once.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PriceDocumentStore</name>
    <message numerus="yes">
        <location filename="../models/documents/PriceDocumentStore.cpp" line="70"/>
        <source>%1 and %Ln more</source>
        <translation>
            <numerusform>%1 and %Ln more</numerusform>
            <numerusform>%1 and %Ln more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductStore</name>
    <message numerus="yes">
        <location filename="../models/catalog/ProductStore.cpp" line="116"/>
        <source>A product can have at most %n barcode(s).</source>
        <translation>
            <numerusform>A product can have at most %n barcode.</numerusform>
            <numerusform>A product can have at most %n barcodes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PromoCodeStore</name>
    <message numerus="yes">
        <location filename="../models/orders/PromoCodeStore.cpp" line="135"/>
        <source>Promo code %1 has been used up: it was good for %n use(s).</source>
        <translation>
            <numerusform>Promo code %1 has been used up: it was good for %n use.</numerusform>
            <numerusform>Promo code %1 has been used up: it was good for %n uses.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/orders/PromoCodeStore.cpp" line="147"/>
        <source>This customer has used promo code %1 already: it is good for %n use(s) per customer.</source>
        <translation>
            <numerusform>This customer has used promo code %1 already: it is good for %n use per customer.</numerusform>
            <numerusform>This customer has used promo code %1 already: it is good for %n uses per customer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaffStore</name>
    <message numerus="yes">
        <location filename="../models/staff/StaffStore.cpp" line="400"/>
        <source>Too many failed sign-ins. Try again in %Ln minute(s).</source>
        <translation>
            <numerusform>Too many failed sign-ins. Try again in %Ln minute.</numerusform>
            <numerusform>Too many failed sign-ins. Try again in %Ln minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/staff/StaffStore.cpp" line="404"/>
        <source>Too many failed sign-ins. Try again in %Ln second(s).</source>
        <translation>
            <numerusform>Too many failed sign-ins. Try again in %Ln second.</numerusform>
            <numerusform>Too many failed sign-ins. Try again in %Ln seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StockStore</name>
    <message numerus="yes">
        <location filename="../models/stock/StockStore.cpp" line="367"/>
        <source>Only %1 of %Ln stock change(s) came back; check the stock list before trying again.</source>
        <translation>
            <numerusform>Only %1 of %Ln stock change came back; check the stock list before trying again.</numerusform>
            <numerusform>Only %1 of %Ln stock changes came back; check the stock list before trying again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>XlsxTableReader</name>
    <message numerus="yes">
        <location filename="../models/imports/XlsxTableReader.cpp" line="123"/>
        <source>The file is damaged: row %1 has more than %Ln columns.</source>
        <translation>
            <numerusform>The file is damaged: row %1 has more than %Ln column.</numerusform>
            <numerusform>The file is damaged: row %1 has more than %Ln columns.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message numerus="yes">
        <location filename="../app/central/main.cpp" line="99"/>
        <source>Revoked %Ln token(s).</source>
        <translation>
            <numerusform>Revoked %Ln token.</numerusform>
            <numerusform>Revoked %Ln tokens.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::CategoryTree</name>
    <message numerus="yes">
        <location filename="../ui/catalog/CategoryTree.cpp" line="123"/>
        <source>%1: %n product(s) directly in it</source>
        <translation>
            <numerusform>%1: %n product directly in it</numerusform>
            <numerusform>%1: %n products directly in it</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::CentralClient</name>
    <message numerus="yes">
        <location filename="../app/sync/CentralClient.cpp" line="390"/>
        <source>%1 (gave up after %Ln attempt(s))</source>
        <translation>
            <numerusform>%1 (gave up after %Ln attempt)</numerusform>
            <numerusform>%1 (gave up after %Ln attempts)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::CheckoutPage</name>
    <message numerus="yes">
        <location filename="../ui/checkout/CheckoutPage.cpp" line="593"/>
        <source>%Ln item(s), %1 off</source>
        <translation>
            <numerusform>%Ln item, %1 off</numerusform>
            <numerusform>%Ln items, %1 off</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/checkout/CheckoutPage.cpp" line="594"/>
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln item</numerusform>
            <numerusform>%Ln items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/checkout/CheckoutPage.cpp" line="744"/>
        <source>Drop the %Ln line(s) on the till (%1)? The void is recorded for the manager.</source>
        <translation>
            <numerusform>Drop the %Ln line on the till (%1)? The void is recorded for the manager.</numerusform>
            <numerusform>Drop the %Ln lines on the till (%1)? The void is recorded for the manager.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::CustomersPage</name>
    <message numerus="yes">
        <location filename="../ui/customers/CustomersPage.cpp" line="251"/>
        <source>Clear the problems flag of %Ln customer(s)?</source>
        <translation>
            <numerusform>Clear the problems flag of %Ln customer?</numerusform>
            <numerusform>Clear the problems flag of %Ln customers?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/customers/CustomersPage.cpp" line="276"/>
        <source>%Ln customer(s) had problems; all cleared.</source>
        <translation>
            <numerusform>%Ln customer had problems; cleared.</numerusform>
            <numerusform>%Ln customers had problems; all cleared.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::FirstRunDialog</name>
    <message numerus="yes">
        <location filename="../ui/session/FirstRunDialog.cpp" line="47"/>
        <source>at least %Ln characters</source>
        <translation>
            <numerusform>at least %Ln character</numerusform>
            <numerusform>at least %Ln characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::GoodsReceiptDialog</name>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="495"/>
        <source>Add %n line(s) worth %1 to the stock of %2? A posted receipt cannot be edited; it can only be cancelled by a reversing receipt.</source>
        <translation>
            <numerusform>Add %n line worth %1 to the stock of %2? A posted receipt cannot be edited; it can only be cancelled by a reversing receipt.</numerusform>
            <numerusform>Add %n lines worth %1 to the stock of %2? A posted receipt cannot be edited; it can only be cancelled by a reversing receipt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="518"/>
        <source>Receipt No. %1 posted: %Ln line(s) added to the stock.</source>
        <translation>
            <numerusform>Receipt No. %1 posted: %Ln line added to the stock.</numerusform>
            <numerusform>Receipt No. %1 posted: %Ln lines added to the stock.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="623"/>
        <source>%Ln line(s) added; %1</source>
        <translation>
            <numerusform>%Ln line added; %1</numerusform>
            <numerusform>%Ln lines added; %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="624"/>
        <source>%Ln row(s) left out:</source>
        <translation>
            <numerusform>%Ln row left out:</numerusform>
            <numerusform>%Ln rows left out:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="627"/>
        <source>%Ln line(s) added from the file.</source>
        <translation>
            <numerusform>%Ln line added from the file.</numerusform>
            <numerusform>%Ln lines added from the file.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="649"/>
        <source>%Ln shelf label(s) queued: print them from the label queue.</source>
        <translation>
            <numerusform>%Ln shelf label queued: print it from the label queue.</numerusform>
            <numerusform>%Ln shelf labels queued: print them from the label queue.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="707"/>
        <source>%Ln line(s), total %1</source>
        <translation>
            <numerusform>%Ln line, total %1</numerusform>
            <numerusform>%Ln lines, total %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::GoodsReceiptsDialog</name>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="149"/>
        <source>%Ln receipt(s)</source>
        <translation>
            <numerusform>%Ln receipt</numerusform>
            <numerusform>%Ln receipts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="150"/>
        <source>, %Ln draft(s) to finish</source>
        <translation>
            <numerusform>, %Ln draft to finish</numerusform>
            <numerusform>, %Ln drafts to finish</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::HistoryFilterBar</name>
    <message numerus="yes">
        <location filename="../ui/history/HistoryFilterBar.cpp" line="228"/>
        <source>%Ln action(s)</source>
        <translation>
            <numerusform>%Ln action</numerusform>
            <numerusform>%Ln actions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::HistoryPage</name>
    <message numerus="yes">
        <location filename="../ui/history/HistoryPage.cpp" line="55"/>
        <source>%Ln row(s) a page</source>
        <translation>
            <numerusform>%Ln row a page</numerusform>
            <numerusform>%Ln rows a page</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::LabelPrintDialog</name>
    <message numerus="yes">
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="168"/>
        <source>%Ln label(s)</source>
        <translation>
            <numerusform>%Ln label</numerusform>
            <numerusform>%Ln labels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="169"/>
        <source>%Ln page(s)</source>
        <translation>
            <numerusform>%Ln page</numerusform>
            <numerusform>%Ln pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::LabelQueueDialog</name>
    <message numerus="yes">
        <location filename="../ui/labels/LabelQueueDialog.cpp" line="107"/>
        <source>%Ln label(s) waiting</source>
        <translation>
            <numerusform>%Ln label waiting</numerusform>
            <numerusform>%Ln labels waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/labels/LabelQueueDialog.cpp" line="143"/>
        <source>%Ln label(s) printed and taken off the queue.</source>
        <translation>
            <numerusform>%Ln label printed and taken off the queue.</numerusform>
            <numerusform>%Ln labels printed and taken off the queue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::MainWindow</name>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="400"/>
        <source>Central: %1 · %Ln unsent</source>
        <translation>
            <numerusform>Central: %1 · %Ln unsent</numerusform>
            <numerusform>Central: %1 · %Ln unsent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="402"/>
        <source> · %Ln refused</source>
        <translation>
            <numerusform> · %Ln refused</numerusform>
            <numerusform> · %Ln refused</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::ParkedSalesDialog</name>
    <message numerus="yes">
        <location filename="../ui/checkout/ParkedSalesDialog.cpp" line="22"/>
        <source>%1 · %2 · %Ln item(s) · %3</source>
        <translation>
            <numerusform>%1 · %2 · %Ln item · %3</numerusform>
            <numerusform>%1 · %2 · %Ln items · %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::PriceDocumentDialog</name>
    <message numerus="yes">
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="236"/>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="286"/>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="533"/>
        <source>%Ln product(s)</source>
        <translation>
            <numerusform>%Ln product</numerusform>
            <numerusform>%Ln products</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="269"/>
        <source>Price change No. %1 — posted %2 by %3; %Ln price(s) changed</source>
        <translation>
            <numerusform>Price change No. %1 — posted %2 by %3; %Ln price changed</numerusform>
            <numerusform>Price change No. %1 — posted %2 by %3; %Ln prices changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="430"/>
        <source>%Ln product(s) added.</source>
        <translation>
            <numerusform>%Ln product added.</numerusform>
            <numerusform>%Ln products added.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="459"/>
        <source>%Ln line(s) removed.</source>
        <translation>
            <numerusform>%Ln line removed.</numerusform>
            <numerusform>%Ln lines removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="472"/>
        <source>The new prices of %Ln product(s) start %1.</source>
        <translation>
            <numerusform>The new price of %Ln product starts %1.</numerusform>
            <numerusform>The new prices of %Ln products start %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="474"/>
        <source>The prices of %Ln product(s) change now, and the till charges them from the next scan.</source>
        <translation>
            <numerusform>The price of %Ln product changes now, and the till charges it from the next scan.</numerusform>
            <numerusform>The prices of %Ln products change now, and the till charges them from the next scan.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="493"/>
        <source>Posted: %Ln price(s) changed; their shelf labels are in the label queue.</source>
        <translation>
            <numerusform>Posted: %Ln price changed; its shelf label is in the label queue.</numerusform>
            <numerusform>Posted: %Ln prices changed; their shelf labels are in the label queue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::PriceDocumentsDialog</name>
    <message numerus="yes">
        <location filename="../ui/documents/PriceDocumentsDialog.cpp" line="121"/>
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::PriceListImportDialog</name>
    <message numerus="yes">
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="340"/>
        <source>Importing the price list: %Ln row(s) read…</source>
        <translation>
            <numerusform>Importing the price list: %Ln row read…</numerusform>
            <numerusform>Importing the price list: %Ln rows read…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="374"/>
        <source>%Ln new product(s)</source>
        <translation>
            <numerusform>%Ln new product</numerusform>
            <numerusform>%Ln new products</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="375"/>
        <source>%Ln updated</source>
        <translation>
            <numerusform>%Ln updated</numerusform>
            <numerusform>%Ln updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="376"/>
        <source>%Ln unchanged</source>
        <translation>
            <numerusform>%Ln unchanged</numerusform>
            <numerusform>%Ln unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="377"/>
        <source>%Ln refused</source>
        <translation>
            <numerusform>%Ln refused</numerusform>
            <numerusform>%Ln refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="407"/>
        <source>%Ln refused row(s) saved to %1.</source>
        <translation>
            <numerusform>%Ln refused row saved to %1.</numerusform>
            <numerusform>%Ln refused rows saved to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::PromoCodesDialog</name>
    <message numerus="yes">
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="372"/>
        <source>%Ln in all</source>
        <translation>
            <numerusform>%Ln in all</numerusform>
            <numerusform>%Ln in all</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="374"/>
        <source>%Ln per customer</source>
        <translation>
            <numerusform>%Ln per customer</numerusform>
            <numerusform>%Ln per customer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="377"/>
        <source>%1 on %Ln product(s)</source>
        <translation>
            <numerusform>%1 on %Ln product</numerusform>
            <numerusform>%1 on %Ln products</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="644"/>
        <source>%Ln use(s), %1 given off in all.</source>
        <translation>
            <numerusform>%Ln use, %1 given off in all.</numerusform>
            <numerusform>%Ln uses, %1 given off in all.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::ReportsPage</name>
    <message numerus="yes">
        <location filename="../ui/reports/ReportsPage.cpp" line="389"/>
        <location filename="../ui/reports/ReportsPage.cpp" line="420"/>
        <source>%Ln stock(s), %1 at retail</source>
        <translation>
            <numerusform>%Ln stock, %1 at retail</numerusform>
            <numerusform>%Ln stocks, %1 at retail</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::StaffDialog</name>
    <message numerus="yes">
        <location filename="../ui/staff/StaffDialog.cpp" line="56"/>
        <source>at least %Ln characters</source>
        <translation>
            <numerusform>at least %Ln character</numerusform>
            <numerusform>at least %Ln characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::StaffSecretDialog</name>
    <message numerus="yes">
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="45"/>
        <source>at least %Ln characters</source>
        <translation>
            <numerusform>at least %Ln character</numerusform>
            <numerusform>at least %Ln characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::StockPage</name>
    <message numerus="yes">
        <location filename="../ui/stock/StockPage.cpp" line="347"/>
        <source>Stocktake committed: %Ln line(s) counted</source>
        <translation>
            <numerusform>Stocktake committed: %Ln line counted</numerusform>
            <numerusform>Stocktake committed: %Ln lines counted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/stock/StockPage.cpp" line="348"/>
        <source>%Ln corrected.</source>
        <translation>
            <numerusform>%Ln corrected.</numerusform>
            <numerusform>%Ln corrected.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/stock/StockPage.cpp" line="415"/>
        <source>Labels for the first %Ln products of the list; narrow the filter for the rest.</source>
        <translation>
            <numerusform>Labels for the first %Ln product of the list; narrow the filter for the rest.</numerusform>
            <numerusform>Labels for the first %Ln products of the list; narrow the filter for the rest.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/stock/StockPage.cpp" line="441"/>
        <source>%Ln shelf label(s) printed.</source>
        <translation>
            <numerusform>%Ln shelf label printed.</numerusform>
            <numerusform>%Ln shelf labels printed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/stock/StockPage.cpp" line="480"/>
        <source>%Ln shelf label(s) added to the queue (Ctrl+Shift+P to print).</source>
        <translation>
            <numerusform>%Ln shelf label added to the queue (Ctrl+Shift+P to print).</numerusform>
            <numerusform>%Ln shelf labels added to the queue (Ctrl+Shift+P to print).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::StocktakeVarianceDialog</name>
    <message numerus="yes">
        <location filename="../ui/stock/StocktakeVarianceDialog.cpp" line="59"/>
        <source>%Ln line(s) counted, %1 with a difference; value of the differences: %2.</source>
        <translation>
            <numerusform>%Ln line counted, %1 with a difference; value of the differences: %2.</numerusform>
            <numerusform>%Ln lines counted, %1 with a difference; value of the differences: %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::SyncEngine</name>
    <message numerus="yes">
        <location filename="../app/sync/SyncEngine.cpp" line="183"/>
        <source>central&apos;s answer does not acknowledge the %Ln event(s) sent</source>
        <translation>
            <numerusform>central&apos;s answer does not acknowledge the %Ln event sent</numerusform>
            <numerusform>central&apos;s answer does not acknowledge the %Ln events sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::SyncPage</name>
    <message numerus="yes">
        <location filename="../ui/sync/SyncPage.cpp" line="228"/>
        <source>%Ln refused event(s) will be sent again.</source>
        <translation>
            <numerusform>%Ln refused event will be sent again.</numerusform>
            <numerusform>%Ln refused events will be sent again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::VoidedSalesDialog</name>
    <message numerus="yes">
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="110"/>
        <source>%Ln line(s)</source>
        <translation>
            <numerusform>%Ln line</numerusform>
            <numerusform>%Ln lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="130"/>
        <source>The latest %Ln voided sale(s), %1</source>
        <translation>
            <numerusform>The latest %Ln voided sale, %1</numerusform>
            <numerusform>The latest %Ln voided sales, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="132"/>
        <source>%Ln voided sale(s), %1</source>
        <translation>
            <numerusform>%Ln voided sale, %1</numerusform>
            <numerusform>%Ln voided sales, %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::WriteOffDialog</name>
    <message numerus="yes">
        <location filename="../ui/documents/WriteOffDialog.cpp" line="410"/>
        <source>Take %Ln line(s) worth %1 off the shelf of %2 as &quot;%3&quot;? A posted write-off cannot be edited.</source>
        <translation>
            <numerusform>Take %Ln line worth %1 off the shelf of %2 as &quot;%3&quot;? A posted write-off cannot be edited.</numerusform>
            <numerusform>Take %Ln lines worth %1 off the shelf of %2 as &quot;%3&quot;? A posted write-off cannot be edited.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/WriteOffDialog.cpp" line="454"/>
        <source>Write-off No. %1 posted: %Ln line(s) taken off the shelf.</source>
        <translation>
            <numerusform>Write-off No. %1 posted: %Ln line taken off the shelf.</numerusform>
            <numerusform>Write-off No. %1 posted: %Ln lines taken off the shelf.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/WriteOffDialog.cpp" line="526"/>
        <source>%Ln line(s), worth %1</source>
        <translation>
            <numerusform>%Ln line, worth %1</numerusform>
            <numerusform>%Ln lines, worth %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::WriteOffsDialog</name>
    <message numerus="yes">
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="130"/>
        <source>%Ln write-off(s)</source>
        <translation>
            <numerusform>%Ln write-off</numerusform>
            <numerusform>%Ln write-offs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="131"/>
        <source>, %Ln draft(s) to finish</source>
        <translation>
            <numerusform>, %Ln draft to finish</numerusform>
            <numerusform>, %Ln drafts to finish</numerusform>
        </translation>
    </message>
</context>
</TS>
