<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>DemoDataGenerator</name>
    <message numerus="yes">
        <location filename="../models/demo/DemoDataGenerator.cpp" line="254"/>
        <source>Creating %n product(s) and their stock…</source>
        <translation>
            <numerusform>Creating %n product and its stock…</numerusform>
            <numerusform>Creating %n products and their stock…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/demo/DemoDataGenerator.cpp" line="262"/>
        <source>Writing %n history row(s)…</source>
        <translation>
            <numerusform>Writing %n history row…</numerusform>
            <numerusform>Writing %n history rows…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/demo/DemoDataGenerator.cpp" line="267"/>
        <source>Creating %n customer(s)…</source>
        <translation>
            <numerusform>Creating %n customer…</numerusform>
            <numerusform>Creating %n customers…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeadlessSetup</name>
    <message numerus="yes">
        <location filename="../app/desk/HeadlessSetup.cpp" line="45"/>
        <source>Database %1 is ready (%n migration(s) applied).</source>
        <translation>
            <numerusform>Database %1 is ready (%n migration applied).</numerusform>
            <numerusform>Database %1 is ready (%n migrations applied).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaffStore</name>
    <message numerus="yes">
        <location filename="../models/store/StaffStore.cpp" line="400"/>
        <source>Too many failed sign-ins. Try again in %n minute(s).</source>
        <translation>
            <numerusform>Too many failed sign-ins. Try again in %n minute.</numerusform>
            <numerusform>Too many failed sign-ins. Try again in %n minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/store/StaffStore.cpp" line="404"/>
        <source>Too many failed sign-ins. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many failed sign-ins. Try again in %n second.</numerusform>
            <numerusform>Too many failed sign-ins. Try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message numerus="yes">
        <location filename="../app/central/main.cpp" line="94"/>
        <source>Revoked %n token(s).</source>
        <translation>
            <numerusform>Revoked %n token.</numerusform>
            <numerusform>Revoked %n tokens.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::CentralClient</name>
    <message numerus="yes">
        <location filename="../app/sync/CentralClient.cpp" line="383"/>
        <source>%1 (gave up after %n attempt(s))</source>
        <translation>
            <numerusform>%1 (gave up after %n attempt)</numerusform>
            <numerusform>%1 (gave up after %n attempts)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::CheckoutPage</name>
    <message numerus="yes">
        <location filename="../ui/pages/CheckoutPage.cpp" line="483"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::CustomersPage</name>
    <message numerus="yes">
        <location filename="../ui/pages/CustomersPage.cpp" line="145"/>
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::FirstRunDialog</name>
    <message numerus="yes">
        <location filename="../ui/dialogs/FirstRunDialog.cpp" line="46"/>
        <source>at least %n characters</source>
        <translation>
            <numerusform>at least %n character</numerusform>
            <numerusform>at least %n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::HistoryFilterBar</name>
    <message numerus="yes">
        <location filename="../ui/pages/HistoryFilterBar.cpp" line="227"/>
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n action</numerusform>
            <numerusform>%n actions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::HistoryPage</name>
    <message numerus="yes">
        <location filename="../ui/pages/HistoryPage.cpp" line="51"/>
        <source>%n row(s) a page</source>
        <translation>
            <numerusform>%n row a page</numerusform>
            <numerusform>%n rows a page</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::MainWindow</name>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="310"/>
        <source>Central: %1 · %n unsent</source>
        <translation>
            <numerusform>Central: %1 · %n unsent</numerusform>
            <numerusform>Central: %1 · %n unsent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::StaffDialog</name>
    <message numerus="yes">
        <location filename="../ui/dialogs/StaffDialog.cpp" line="56"/>
        <source>at least %n characters</source>
        <translation>
            <numerusform>at least %n character</numerusform>
            <numerusform>at least %n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::StaffSecretDialog</name>
    <message numerus="yes">
        <location filename="../ui/dialogs/StaffSecretDialog.cpp" line="45"/>
        <source>at least %n characters</source>
        <translation>
            <numerusform>at least %n character</numerusform>
            <numerusform>at least %n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::StockPage</name>
    <message numerus="yes">
        <location filename="../ui/pages/StockPage.cpp" line="166"/>
        <source>%n stock row(s)</source>
        <translation>
            <numerusform>%n stock row</numerusform>
            <numerusform>%n stock rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/StockPage.cpp" line="234"/>
        <source>Stocktake committed: %n line(s) counted</source>
        <translation>
            <numerusform>Stocktake committed: %n line counted</numerusform>
            <numerusform>Stocktake committed: %n lines counted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/StockPage.cpp" line="235"/>
        <source>%n corrected.</source>
        <translation>
            <numerusform>%n corrected.</numerusform>
            <numerusform>%n corrected.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::StocktakeDialog</name>
    <message numerus="yes">
        <location filename="../ui/dialogs/StocktakeDialog.cpp" line="235"/>
        <source>Correct the stock of the %n counted line(s) now?</source>
        <translation>
            <numerusform>Correct the stock of the %n counted line now?</numerusform>
            <numerusform>Correct the stock of the %n counted lines now?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::SyncEngine</name>
    <message numerus="yes">
        <location filename="../app/sync/SyncEngine.cpp" line="155"/>
        <source>central&apos;s answer does not acknowledge the %n event(s) sent</source>
        <translation>
            <numerusform>central&apos;s answer does not acknowledge the %n event sent</numerusform>
            <numerusform>central&apos;s answer does not acknowledge the %n events sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::SyncPage</name>
    <message numerus="yes">
        <location filename="../ui/pages/SyncPage.cpp" line="247"/>
        <source>%n refused event(s) will be sent again.</source>
        <translation>
            <numerusform>%n refused event will be sent again.</numerusform>
            <numerusform>%n refused events will be sent again.</numerusform>
        </translation>
    </message>
</context>
</TS>
