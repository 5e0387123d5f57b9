<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU" sourcelanguage="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../ui/AboutDialog.cpp" line="13"/>
        <source>&lt;h3&gt;ShopDesk %1&lt;/h3&gt;&lt;p&gt;Point of sale and back office for shops: checkout, stock, customers, history and reports, with sync to head office.&lt;/p&gt;&lt;p&gt;Built with Qt %2 (running on Qt %3).&lt;br&gt;Database: %4&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ShopDesk %1&lt;/h3&gt;&lt;p&gt;Касса и бэк-офис для магазинов: продажи, остатки, клиенты, история и отчёты, синхронизация с центральным офисом.&lt;/p&gt;&lt;p&gt;Собрано с Qt %2 (работает на Qt %3).&lt;br&gt;База данных: %4&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/AboutDialog.cpp" line="21"/>
        <source>About ShopDesk</source>
        <translation>О программе ShopDesk</translation>
    </message>
</context>
<context>
    <name>CashCount</name>
    <message>
        <location filename="../models/shifts/CashCount.cpp" line="34"/>
        <source>The counted cash cannot be negative.</source>
        <translation>Пересчитанная сумма не может быть отрицательной.</translation>
    </message>
    <message>
        <location filename="../models/shifts/CashCount.cpp" line="38"/>
        <source>%1 is not a note or coin.</source>
        <translation>%1 — нет такой купюры или монеты.</translation>
    </message>
    <message>
        <location filename="../models/shifts/CashCount.cpp" line="40"/>
        <source>The number of %1 notes or coins cannot be negative.</source>
        <translation>Количество купюр или монет %1 не может быть отрицательным.</translation>
    </message>
</context>
<context>
    <name>CatalogOwner</name>
    <message>
        <location filename="../models/catalog/CatalogOwner.cpp" line="23"/>
        <source>The head office manages this shop&apos;s catalog: products, prices, categories and VAT rates are changed there and reach the shop with the next sync.</source>
        <translation>Каталогом этого магазина управляет головной офис: товары, цены, категории и ставки НДС меняются там и приходят в магазин со следующей синхронизацией.</translation>
    </message>
</context>
<context>
    <name>CatalogStore</name>
    <message>
        <location filename="../models/sync/CatalogStore.cpp" line="279"/>
        <source>barcode moved by central to PLU </source>
        <translation>штрихкод перенесён центральным сервером на PLU </translation>
    </message>
    <message>
        <location filename="../models/sync/CatalogStore.cpp" line="327"/>
        <location filename="../models/sync/CatalogStore.cpp" line="398"/>
        <source>catalog from central</source>
        <translation>каталог с центрального сервера</translation>
    </message>
    <message>
        <location filename="../models/sync/CatalogStore.cpp" line="377"/>
        <source>scheduled price cancelled by central</source>
        <translation>запланированная цена отменена центральным сервером</translation>
    </message>
    <message>
        <location filename="../models/sync/CatalogStore.cpp" line="455"/>
        <source>barcodes from central</source>
        <translation>штрихкоды от центрального сервера</translation>
    </message>
</context>
<context>
    <name>CategoryStore</name>
    <message>
        <location filename="../models/catalog/CategoryStore.cpp" line="25"/>
        <source>There is already a category named %1 there.</source>
        <translation>Там уже есть категория «%1».</translation>
    </message>
    <message>
        <location filename="../models/catalog/CategoryStore.cpp" line="39"/>
        <source>The category name must be 1 to 100 characters.</source>
        <translation>Название категории — от 1 до 100 символов.</translation>
    </message>
    <message>
        <location filename="../models/catalog/CategoryStore.cpp" line="90"/>
        <location filename="../models/catalog/CategoryStore.cpp" line="110"/>
        <location filename="../models/catalog/CategoryStore.cpp" line="156"/>
        <location filename="../models/catalog/CategoryStore.cpp" line="160"/>
        <location filename="../models/catalog/CategoryStore.cpp" line="204"/>
        <source>There is no category %1.</source>
        <translation>Категории %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/catalog/CategoryStore.cpp" line="163"/>
        <source>The category %1 cannot go inside itself or one of its subcategories.</source>
        <translation>Категорию «%1» нельзя поместить в неё саму или в её подкатегорию.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/catalog/CategoryStore.cpp" line="213"/>
        <source>The category %1 is not empty: %n product(s) and subcategories are in it. Move them out first, or delete it moving them up.</source>
        <translation>
            <numerusform>Категория «%1» не пуста: в ней %n товар и подкатегории. Сначала перенесите их или удалите её с переносом содержимого на уровень выше.</numerusform>
            <numerusform>Категория «%1» не пуста: в ней %n товара и подкатегории. Сначала перенесите их или удалите её с переносом содержимого на уровень выше.</numerusform>
            <numerusform>Категория «%1» не пуста: в ней %n товаров и подкатегории. Сначала перенесите их или удалите её с переносом содержимого на уровень выше.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/catalog/CategoryStore.cpp" line="229"/>
        <source>The category %1 limits the promo codes %2: take it out of them first.</source>
        <translation>Категория %1 ограничивает промокоды %2: сначала уберите её из них.</translation>
    </message>
    <message>
        <location filename="../models/catalog/CategoryStore.cpp" line="253"/>
        <source>category %1 deleted</source>
        <translation>категория «%1» удалена</translation>
    </message>
    <message>
        <location filename="../models/catalog/CategoryStore.cpp" line="267"/>
        <source>A subcategory of %1 has the same name as a category it would join: rename one of them first.</source>
        <translation>У подкатегории «%1» то же название, что у категории, к которой она перейдёт: сначала переименуйте одну из них.</translation>
    </message>
</context>
<context>
    <name>CentralApi</name>
    <message>
        <location filename="../app/central/ApiSupport.cpp" line="51"/>
        <location filename="../app/central/CentralApi.cpp" line="105"/>
        <source>The central database is not available; try again.</source>
        <translation>Центральная база данных недоступна; повторите попытку.</translation>
    </message>
    <message>
        <location filename="../app/central/ApiSupport.cpp" line="60"/>
        <source>Unknown parameter &quot;%1&quot; (known: %2).</source>
        <translation>Неизвестный параметр «%1» (известные: %2).</translation>
    </message>
    <message>
        <location filename="../app/central/ApiSupport.cpp" line="66"/>
        <source>The parameter %1 is given twice.</source>
        <translation>Параметр %1 указан дважды.</translation>
    </message>
    <message>
        <location filename="../app/central/ApiSupport.cpp" line="91"/>
        <source>%1 must not contain NUL characters.</source>
        <translation>%1 не должно содержать символов NUL.</translation>
    </message>
    <message>
        <location filename="../app/central/ApiSupport.cpp" line="96"/>
        <source>%1 must be at most %2 characters.</source>
        <translation>%1 должно содержать не больше %2 символов.</translation>
    </message>
    <message>
        <location filename="../app/central/ApiSupport.cpp" line="111"/>
        <source>%1 must be a whole number, not &quot;%2&quot;.</source>
        <translation>%1 должно быть целым числом, а не «%2».</translation>
    </message>
    <message>
        <location filename="../app/central/ApiSupport.cpp" line="116"/>
        <source>%1 must be between %2 and %3.</source>
        <translation>%1 должно быть от %2 до %3.</translation>
    </message>
    <message>
        <location filename="../app/central/ApiSupport.cpp" line="178"/>
        <source>The body is not valid JSON: %1 at offset %2.</source>
        <translation>Тело запроса — некорректный JSON: %1 в позиции %2.</translation>
    </message>
    <message>
        <location filename="../app/central/ApiSupport.cpp" line="185"/>
        <source>The body must be a JSON object.</source>
        <translation>Тело запроса должно быть объектом JSON.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralApi.cpp" line="75"/>
        <source>%1 allows only GET.</source>
        <translation>%1 допускает только GET.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralApi.cpp" line="118"/>
        <source>There is no %1 endpoint.</source>
        <translation>Конечной точки %1 не существует.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralApi.cpp" line="123"/>
        <source>This endpoint needs a token: send &quot;Authorization: Bearer &lt;token&gt;&quot;.</source>
        <translation>Для этой конечной точки нужен токен: отправьте «Authorization: Bearer &lt;token&gt;».</translation>
    </message>
    <message>
        <location filename="../app/central/CentralApi.cpp" line="132"/>
        <source>The token is not valid or has been revoked.</source>
        <translation>Токен недействителен или отозван.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralApi.cpp" line="149"/>
        <source>%1 allows %2, not %3.</source>
        <translation>%1 допускает %2, но не %3.</translation>
    </message>
    <message>
        <location filename="../app/central/CatalogApi.cpp" line="93"/>
        <source>Only a head-office token may do this; shop %1&apos;s token may not.</source>
        <translation>Это может делать только токен центрального офиса; токен магазина %1 — нет.</translation>
    </message>
    <message>
        <location filename="../app/central/CatalogApi.cpp" line="156"/>
        <source>There is no product with PLU %1.</source>
        <translation>Товара с PLU %1 нет.</translation>
    </message>
    <message>
        <location filename="../app/central/CatalogApi.cpp" line="178"/>
        <source>%1 cannot be null; leave it out to keep it as it is.</source>
        <translation>%1 не может быть null; чтобы оставить как есть, не передавайте это поле.</translation>
    </message>
    <message>
        <location filename="../app/central/CatalogApi.cpp" line="148"/>
        <source>valid_from must be an ISO 8601 date and time with its offset, like 2027-01-31T21:00:00Z; &quot;%1&quot; is not.</source>
        <translation>valid_from должно быть датой и временем ISO 8601 со смещением, например 2027-01-31T21:00:00Z; «%1» не подходит.</translation>
    </message>
    <message>
        <location filename="../app/central/CatalogApi.cpp" line="79"/>
        <source>barcode must be the first of barcodes (the main one), or be left out.</source>
        <translation>barcode должен быть первым в barcodes (основным) или не указываться.</translation>
    </message>
    <message>
        <location filename="../app/central/CatalogApi.cpp" line="305"/>
        <location filename="../app/central/HistoryApi.cpp" line="110"/>
        <source>cursor is not one this server gave; leave it out to start from the first page.</source>
        <translation>cursor выдан не этим сервером; уберите его, чтобы начать с первой страницы.</translation>
    </message>
    <message>
        <location filename="../app/central/CatalogApi.cpp" line="340"/>
        <location filename="../app/central/CatalogApi.cpp" line="395"/>
        <source>There is no category %1.</source>
        <translation>Категории %1 нет.</translation>
    </message>
    <message>
        <location filename="../app/central/CatalogApi.cpp" line="434"/>
        <source>move_contents_up must be true or false, not &quot;%1&quot;.</source>
        <translation>move_contents_up должен быть true или false, а не «%1».</translation>
    </message>
    <message>
        <location filename="../app/central/CatalogApi.cpp" line="542"/>
        <source>since is not a cursor this server gave.</source>
        <translation>since — не курсор, выданный этим сервером.</translation>
    </message>
    <message>
        <location filename="../app/central/StocksApi.cpp" line="35"/>
        <source>This token belongs to shop %1 (id %2); it may not change the stock of shop %3.</source>
        <translation>Этот токен принадлежит магазину %1 (id %2); он не может менять остатки магазина %3.</translation>
    </message>
    <message>
        <location filename="../app/central/StocksApi.cpp" line="103"/>
        <source>cursor is not one this server gave for these filters; leave it out to start from the first page.</source>
        <translation>cursor выдан не этим сервером для этих фильтров; уберите его, чтобы начать с первой страницы.</translation>
    </message>
    <message>
        <location filename="../app/central/StocksApi.cpp" line="146"/>
        <source>Give quantity_on_shelf or quantity_in_order (or both) above 0.</source>
        <translation>Укажите quantity_on_shelf или quantity_in_order (или оба) больше 0.</translation>
    </message>
    <message>
        <location filename="../app/central/HistoryApi.cpp" line="50"/>
        <source>%1 must be a date as YYYY-MM-DD, not &quot;%2&quot;.</source>
        <translation>%1 должно быть датой в формате ГГГГ-ММ-ДД, а не «%2».</translation>
    </message>
    <message>
        <location filename="../app/central/HistoryApi.cpp" line="79"/>
        <source>Give cursor or page, not both.</source>
        <translation>Укажите cursor или page, но не оба сразу.</translation>
    </message>
    <message>
        <location filename="../app/central/HistoryApi.cpp" line="86"/>
        <source>page × limit reaches past the first %1 rows; page on with cursor instead.</source>
        <translation>page × limit выходит за первые %1 строк; листайте дальше с помощью cursor.</translation>
    </message>
    <message>
        <location filename="../app/central/SyncApi.cpp" line="35"/>
        <source>events must be an array.</source>
        <translation>events должно быть массивом.</translation>
    </message>
    <message>
        <location filename="../app/central/SyncApi.cpp" line="41"/>
        <source>At most %1 events per request; send the rest in another.</source>
        <translation>Не больше %1 событий за запрос; остальные отправьте следующим.</translation>
    </message>
    <message>
        <location filename="../app/central/SyncApi.cpp" line="53"/>
        <source>events[%1] must be an object.</source>
        <translation>events[%1] должно быть объектом.</translation>
    </message>
</context>
<context>
    <name>CentralOptions</name>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="24"/>
        <source>shopdesk-central: the head-office server that ShopDesk shops sync with.</source>
        <translation>shopdesk-central: сервер центрального офиса, с которым синхронизируются магазины ShopDesk.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="25"/>
        <source>Show this help and exit.</source>
        <translation>Показать эту справку и выйти.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="27"/>
        <source>Show the version and exit.</source>
        <translation>Показать версию и выйти.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="30"/>
        <source>Read settings from this ini file ([server] listen, port, threads; [database] url).</source>
        <translation>Читать настройки из этого ini-файла ([server] listen, port, threads; [database] url).</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="34"/>
        <source>Address to listen on (default 127.0.0.1).</source>
        <translation>Адрес, на котором принимать подключения (по умолчанию 127.0.0.1).</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="36"/>
        <source>Port to listen on; 0 picks a free one (default 8080).</source>
        <translation>Порт для подключений; 0 — выбрать свободный (по умолчанию 8080).</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="39"/>
        <source>The central PostgreSQL database (also $SHOPDESK_CENTRAL_DB). Keep the password out of the URL: in ~/.pgpass or $PGPASSWORD.</source>
        <translation>База данных PostgreSQL центрального сервера (также из $SHOPDESK_CENTRAL_DB). Не пишите пароль в адресе: храните его в ~/.pgpass или $PGPASSWORD.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="43"/>
        <source>Worker threads serving requests (default 8).</source>
        <translation>Число рабочих потоков для запросов (по умолчанию 8).</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="46"/>
        <source>Print a new API token for the shop with this code (created if central does not know it yet) and exit. &quot;head-office&quot; gives a token that may act for every shop.</source>
        <translation>Выдать новый API-токен для магазина с этим кодом (магазин создаётся, если центральный сервер его ещё не знает) и выйти. «head-office» даёт токен, который может действовать за любой магазин.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="52"/>
        <source>Revoke every token of the shop with this code (or &quot;head-office&quot;) and exit.</source>
        <translation>Отозвать все токены магазина с этим кодом (или «head-office») и выйти.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="66"/>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation>Неожиданный аргумент «%1».</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="77"/>
        <source>Give --issue-token or --revoke-tokens, not both.</source>
        <translation>Укажите --issue-token или --revoke-tokens, но не оба сразу.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="86"/>
        <source>--config: cannot read &quot;%1&quot;.</source>
        <translation>--config: не удаётся прочитать «%1».</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="91"/>
        <source>--config: &quot;%1&quot; is not a valid ini file.</source>
        <translation>--config: «%1» — некорректный ini-файл.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="108"/>
        <source>--db needs a postgresql:// URL.</source>
        <translation>Для --db нужен адрес postgresql://.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="116"/>
        <source>listen: &quot;%1&quot; is not an IP address.</source>
        <translation>listen: «%1» — не IP-адрес.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="124"/>
        <source>port: &quot;%1&quot; is not a port number from 0 to 65535.</source>
        <translation>port: «%1» — не номер порта от 0 до 65535.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="134"/>
        <source>threads: &quot;%1&quot; is not a number from 1 to 256.</source>
        <translation>threads: «%1» — не число от 1 до 256.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralOptions.cpp" line="140"/>
        <source>No database: give --db, [database] url in the --config file, or $SHOPDESK_CENTRAL_DB.</source>
        <translation>Нет базы данных: укажите --db, [database] url в файле --config или $SHOPDESK_CENTRAL_DB.</translation>
    </message>
</context>
<context>
    <name>CentralServer</name>
    <message>
        <location filename="../app/central/CentralServer.cpp" line="120"/>
        <source>The body is larger than %1 bytes.</source>
        <translation>Тело запроса больше %1 байт.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralServer.cpp" line="148"/>
        <source>There is no %1 endpoint.</source>
        <translation>Конечной точки %1 не существует.</translation>
    </message>
    <message>
        <location filename="../app/central/CentralServer.cpp" line="160"/>
        <source>Cannot listen on %1:%2.</source>
        <translation>Не удаётся принимать подключения на %1:%2.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../app/desk/CommandLine.cpp" line="29"/>
        <source>--%1 must be a whole number from 0 to %2; &quot;%3&quot; is not.</source>
        <translation>--%1 должно быть целым числом от 0 до %2; «%3» не подходит.</translation>
    </message>
    <message>
        <location filename="../app/desk/CommandLine.cpp" line="56"/>
        <source>ShopDesk: point of sale and back office for shops.

With no options it uses its built-in database, kept in your data folder.</source>
        <translation>ShopDesk: касса и бэк-офис для магазинов.

Без параметров работает со встроенной базой данных, которая хранится в вашей папке данных.</translation>
    </message>
    <message>
        <location filename="../app/desk/CommandLine.cpp" line="58"/>
        <source>Show this help and exit.</source>
        <translation>Показать эту справку и выйти.</translation>
    </message>
    <message>
        <location filename="../app/desk/CommandLine.cpp" line="60"/>
        <source>Show the version and exit.</source>
        <translation>Показать версию и выйти.</translation>
    </message>
    <message>
        <location filename="../app/desk/CommandLine.cpp" line="62"/>
        <source>Use this PostgreSQL database instead of the built-in one (also read from $SHOPDESK_DB). Keep the password out of the URL: in ~/.pgpass or $PGPASSWORD.</source>
        <translation>Использовать эту базу данных PostgreSQL вместо встроенной (также читается из $SHOPDESK_DB). Не пишите пароль в адресе: храните его в ~/.pgpass или $PGPASSWORD.</translation>
    </message>
    <message>
        <location filename="../app/desk/CommandLine.cpp" line="67"/>
        <source>Fill an empty database with demo data (a database that already holds demo data is used as it is).</source>
        <translation>Заполнить пустую базу данных демо-данными (база, где демо-данные уже есть, используется как есть).</translation>
    </message>
    <message>
        <location filename="../app/desk/CommandLine.cpp" line="71"/>
        <source>With --demo: how many customers to make (default %1, at most %2).</source>
        <translation>С --demo: сколько создать клиентов (по умолчанию %1, не больше %2).</translation>
    </message>
    <message>
        <location filename="../app/desk/CommandLine.cpp" line="77"/>
        <source>With --demo: how many stock history rows to make (default %1, at most %2).</source>
        <translation>С --demo: сколько создать строк истории остатков (по умолчанию %1, не больше %2).</translation>
    </message>
    <message>
        <location filename="../app/desk/CommandLine.cpp" line="83"/>
        <source>With --demo: delete everything in the database and load demo data even if it is not empty.</source>
        <translation>С --demo: удалить всё в базе данных и загрузить демо-данные, даже если она не пуста.</translation>
    </message>
    <message>
        <location filename="../app/desk/CommandLine.cpp" line="87"/>
        <source>Prepare the database (schema and, with --demo, demo data), then exit without opening a window.</source>
        <translation>Подготовить базу данных (схему и, с --demo, демо-данные) и выйти, не открывая окна.</translation>
    </message>
    <message>
        <location filename="../app/desk/CommandLine.cpp" line="91"/>
        <source>Keep the built-in database, the settings and the password file in this folder (also read from $SHOPDESK_DATA_DIR).</source>
        <translation>Хранить встроенную базу данных, настройки и файл паролей в этой папке (также берётся из $SHOPDESK_DATA_DIR).</translation>
    </message>
    <message>
        <location filename="../app/desk/CommandLine.cpp" line="96"/>
        <source>Read and write settings in this .ini file (instead of the user&apos;s, or the one in --data-dir).</source>
        <translation>Читать и записывать настройки в этот .ini-файл (вместо пользовательского или файла в --data-dir).</translation>
    </message>
    <message>
        <location filename="../app/desk/CommandLine.cpp" line="109"/>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation>Неожиданный аргумент «%1».</translation>
    </message>
    <message>
        <location filename="../app/desk/CommandLine.cpp" line="124"/>
        <source>--%1 is only used together with --demo.</source>
        <translation>--%1 используется только вместе с --demo.</translation>
    </message>
    <message>
        <location filename="../app/desk/CommandLine.cpp" line="138"/>
        <source>--db needs a postgresql:// URL; leave --db out to use the built-in database.</source>
        <translation>Для --db нужен адрес postgresql://; чтобы работать со встроенной базой, не указывайте --db.</translation>
    </message>
</context>
<context>
    <name>CsvExport</name>
    <message>
        <location filename="../models/export/CsvExport.cpp" line="19"/>
        <location filename="../models/export/CsvExport.cpp" line="58"/>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
    <message>
        <location filename="../models/export/CsvExport.cpp" line="47"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>Экспорт отменён; файл не записан.</translation>
    </message>
</context>
<context>
    <name>CsvTableReader</name>
    <message>
        <location filename="../models/imports/CsvTableReader.cpp" line="41"/>
        <source>%1 is in Windows-1251, which this computer cannot read; save it in UTF-8 instead.</source>
        <translation>%1 в кодировке Windows-1251, которую этот компьютер не читает; сохраните файл в UTF-8.</translation>
    </message>
    <message>
        <location filename="../models/imports/CsvTableReader.cpp" line="88"/>
        <source>Row %1 is not in UTF-8, though the file starts with UTF-8&apos;s byte order mark: the file mixes two encodings. Save it again in one encoding (UTF-8 or Windows-1251).</source>
        <translation>Строка %1 не в UTF-8, хотя файл начинается с метки UTF-8: в файле смешаны две кодировки. Сохраните его заново в одной кодировке (UTF-8 или Windows-1251).</translation>
    </message>
    <message>
        <location filename="../models/imports/CsvTableReader.cpp" line="92"/>
        <source>Row %1 is in %2, but row %3 is in %4: the file mixes two encodings. Save it again in one encoding (UTF-8 or Windows-1251).</source>
        <translation>Строка %1 в кодировке %2, а строка %3 — в %4: в файле смешаны две кодировки. Сохраните его заново в одной кодировке (UTF-8 или Windows-1251).</translation>
    </message>
    <message>
        <location filename="../models/imports/CsvTableReader.cpp" line="111"/>
        <source>Cannot read %1: %2</source>
        <translation>Не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <location filename="../models/imports/CsvTableReader.cpp" line="114"/>
        <source>Row %1: a quote opened in this row is never closed; the file ends inside it.</source>
        <translation>Строка %1: открытая в ней кавычка не закрыта; файл кончается внутри неё.</translation>
    </message>
    <message>
        <location filename="../models/imports/CsvTableReader.cpp" line="118"/>
        <source>Row %1 is longer than %2 MiB: a quote opened in it is probably never closed.</source>
        <translation>Строка %1 длиннее %2 МиБ: вероятно, открытая в ней кавычка не закрыта.</translation>
    </message>
</context>
<context>
    <name>CustomerFilter</name>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="64"/>
        <source>Ages are from 0 to 150.</source>
        <translation>Возраст — от 0 до 150.</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="68"/>
        <source>The youngest age (%1) is above the oldest (%2).</source>
        <translation>Минимальный возраст (%1) больше максимального (%2).</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="70"/>
        <source>Gender must be female or male.</source>
        <translation>Пол должен быть женским или мужским.</translation>
    </message>
</context>
<context>
    <name>CustomerStore</name>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="131"/>
        <source>The first name must be 1 to %1 characters.</source>
        <translation>Имя должно содержать от 1 до %1 символов.</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="134"/>
        <source>The last name must be 1 to %1 characters.</source>
        <translation>Фамилия должна содержать от 1 до %1 символов.</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="136"/>
        <source>The age must be from 0 to 150.</source>
        <translation>Возраст должен быть от 0 до 150.</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="138"/>
        <source>Choose the gender from the list.</source>
        <translation>Выберите пол из списка.</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="141"/>
        <source>The e-mail address is not valid.</source>
        <translation>Некорректный адрес электронной почты.</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="143"/>
        <source>The phone number is too long.</source>
        <translation>Слишком длинный номер телефона.</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="194"/>
        <location filename="../models/customers/CustomerStore.cpp" line="209"/>
        <source>Customer %1 no longer exists.</source>
        <translation>Клиента %1 больше нет.</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="205"/>
        <source>This customer has orders and cannot be deleted.</source>
        <translation>У этого клиента есть заказы, его нельзя удалить.</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="274"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="274"/>
        <source>First name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="274"/>
        <source>Last name</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="274"/>
        <source>Age</source>
        <translation>Возраст</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="275"/>
        <source>Gender</source>
        <translation>Пол</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="275"/>
        <source>Problems</source>
        <translation>Проблемы</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="275"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerStore.cpp" line="275"/>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
</context>
<context>
    <name>DatabaseStartup</name>
    <message>
        <location filename="../models/setup/DatabaseStartup.cpp" line="45"/>
        <source>Connecting to the database…</source>
        <translation>Подключение к базе данных…</translation>
    </message>
    <message>
        <location filename="../models/setup/DatabaseStartup.cpp" line="50"/>
        <source>ShopDesk cannot connect to the database %1:
%2

Check that the server is running and reachable, and that the address, user and password are right.</source>
        <translation>ShopDesk не может подключиться к базе данных %1:
%2

Проверьте, что сервер запущен и доступен, а адрес, пользователь и пароль указаны верно.</translation>
    </message>
    <message>
        <location filename="../models/setup/DatabaseStartup.cpp" line="55"/>
        <source>Updating the database schema…</source>
        <translation>Обновление схемы базы данных…</translation>
    </message>
    <message>
        <location filename="../models/setup/DatabaseStartup.cpp" line="75"/>
        <source>Start-up was cancelled.</source>
        <translation>Запуск отменён.</translation>
    </message>
</context>
<context>
    <name>DbConfig</name>
    <message>
        <location filename="../models/db/DbConfig.cpp" line="20"/>
        <source>The database URL is empty.</source>
        <translation>Адрес базы данных пуст.</translation>
    </message>
    <message>
        <location filename="../models/db/DbConfig.cpp" line="24"/>
        <source>The database URL is not a valid URL; expected postgresql://user:password@host:port/dbname.</source>
        <translation>Адрес базы данных некорректен; ожидается postgresql://user:password@host:port/dbname.</translation>
    </message>
    <message>
        <location filename="../models/db/DbConfig.cpp" line="27"/>
        <source>The database URL must start with postgresql:// (it starts with &quot;%1:&quot;).</source>
        <translation>Адрес базы данных должен начинаться с postgresql:// (а начинается с «%1:»).</translation>
    </message>
    <message>
        <location filename="../models/db/DbConfig.cpp" line="34"/>
        <source>The port in the database URL (&quot;%1&quot;) is not a number between 1 and 65535.</source>
        <translation>Порт в адресе базы данных («%1») — не число от 1 до 65535.</translation>
    </message>
    <message>
        <location filename="../models/db/DbConfig.cpp" line="38"/>
        <source>The port in the database URL must be between 1 and 65535.</source>
        <translation>Порт в адресе базы данных должен быть от 1 до 65535.</translation>
    </message>
    <message>
        <location filename="../models/db/DbConfig.cpp" line="41"/>
        <source>The database URL names no database; add it after the port, as in postgresql://host:5432/shopdesk.</source>
        <translation>В адресе базы данных не указана база; добавьте её после порта, например postgresql://host:5432/shopdesk.</translation>
    </message>
    <message>
        <location filename="../models/db/DbConfig.cpp" line="48"/>
        <source>The database URL has a parameter ShopDesk does not know: &quot;%1&quot;. Only sslmode is supported.</source>
        <translation>В адресе базы данных есть параметр, неизвестный ShopDesk: «%1». Поддерживается только sslmode.</translation>
    </message>
    <message>
        <location filename="../models/db/DbConfig.cpp" line="52"/>
        <source>sslmode must be one of %1.</source>
        <translation>sslmode должен быть одним из: %1.</translation>
    </message>
    <message>
        <location filename="../models/db/DbConfig.cpp" line="109"/>
        <source>%1 carries a password, which every account on this computer can read in the process list. Leave it out of the URL and keep it in a password file (~/.pgpass, or the file PGPASSFILE names) or in the PGPASSWORD variable.</source>
        <translation>В %1 указан пароль, а его может прочитать в списке процессов любая учётная запись этого компьютера. Уберите пароль из адреса и храните его в файле паролей (~/.pgpass или файл из PGPASSFILE) или в переменной PGPASSWORD.</translation>
    </message>
</context>
<context>
    <name>DeliveryFile</name>
    <message>
        <location filename="../models/imports/DeliveryFile.cpp" line="37"/>
        <source>The file is empty.</source>
        <translation>Файл пуст.</translation>
    </message>
    <message>
        <location filename="../models/imports/DeliveryFile.cpp" line="60"/>
        <source>Row 1 must name the columns: a PLU or barcode column and a quantity column (found: %1).</source>
        <translation>В строке 1 должны быть названия столбцов: столбец PLU или штрихкода и столбец количества (найдено: %1).</translation>
    </message>
    <message>
        <location filename="../models/imports/DeliveryFile.cpp" line="67"/>
        <source>The file was not read.</source>
        <translation>Файл не прочитан.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/imports/DeliveryFile.cpp" line="82"/>
        <source>The file has more than %Ln product rows; split the delivery.</source>
        <translation>
            <numerusform>В файле больше %Ln строки товаров; разделите поставку.</numerusform>
            <numerusform>В файле больше %Ln строк товаров; разделите поставку.</numerusform>
            <numerusform>В файле больше %Ln строк товаров; разделите поставку.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DemoDataGenerator</name>
    <message>
        <location filename="../models/demo/DemoDataGenerator.cpp" line="115"/>
        <source>The number of customers must be between 0 and %1.</source>
        <translation>Число клиентов должно быть от 0 до %1.</translation>
    </message>
    <message>
        <location filename="../models/demo/DemoDataGenerator.cpp" line="119"/>
        <source>The number of history rows must be between 0 and %1.</source>
        <translation>Число строк истории должно быть от 0 до %1.</translation>
    </message>
    <message>
        <location filename="../models/demo/DemoDataGenerator.cpp" line="124"/>
        <source>The number of products must be between 1 and %1.</source>
        <translation>Число товаров должно быть от 1 до %1.</translation>
    </message>
    <message>
        <location filename="../models/demo/DemoDataGenerator.cpp" line="171"/>
        <source>Waiting for another ShopDesk that is loading the demo data…</source>
        <translation>Ожидание: другой экземпляр ShopDesk загружает демонстрационные данные…</translation>
    </message>
    <message>
        <location filename="../models/demo/DemoDataGenerator.cpp" line="191"/>
        <location filename="../models/demo/DemoDataGenerator.cpp" line="200"/>
        <source>Loading demo data was cancelled; nothing was changed.</source>
        <translation>Загрузка демо-данных отменена; ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../models/demo/DemoDataGenerator.cpp" line="211"/>
        <source>Updating statistics…</source>
        <translation>Обновление статистики…</translation>
    </message>
    <message>
        <location filename="../models/demo/DemoDataGenerator.cpp" line="218"/>
        <source>Demo data loaded.</source>
        <translation>Демо-данные загружены.</translation>
    </message>
    <message>
        <location filename="../models/demo/DemoDataGenerator.cpp" line="260"/>
        <source>The database already holds data, so demo data was not loaded. Demo data goes only into an empty database; use --force to delete everything in it and load demo data instead.</source>
        <translation>В базе данных уже есть данные, поэтому демо-данные не загружены. Демо-данные загружаются только в пустую базу; чтобы удалить всё её содержимое и загрузить демо-данные, используйте --force.</translation>
    </message>
    <message>
        <location filename="../models/demo/DemoDataGenerator.cpp" line="263"/>
        <source>Deleting the existing data…</source>
        <translation>Удаление существующих данных…</translation>
    </message>
    <message>
        <location filename="../models/demo/DemoDataGenerator.cpp" line="276"/>
        <source>Creating shops and staff…</source>
        <translation>Создание магазинов и сотрудников…</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/demo/DemoDataGenerator.cpp" line="296"/>
        <source>Creating %Ln product(s) and their stock…</source>
        <translation>
            <numerusform>Создание %Ln товара и его остатков…</numerusform>
            <numerusform>Создание %Ln товаров и их остатков…</numerusform>
            <numerusform>Создание %Ln товаров и их остатков…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/demo/DemoDataGenerator.cpp" line="304"/>
        <source>Writing %Ln history row(s)…</source>
        <translation>
            <numerusform>Запись %Ln строки истории…</numerusform>
            <numerusform>Запись %Ln строк истории…</numerusform>
            <numerusform>Запись %Ln строк истории…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/demo/DemoDataGenerator.cpp" line="309"/>
        <source>Creating %Ln customer(s)…</source>
        <translation>
            <numerusform>Создание %Ln клиента…</numerusform>
            <numerusform>Создание %Ln клиентов…</numerusform>
            <numerusform>Создание %Ln клиентов…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <location filename="../app/desk/DeskApp.cpp" line="59"/>
        <source>Starting ShopDesk…</source>
        <translation>Запуск ShopDesk…</translation>
    </message>
    <message>
        <location filename="../app/desk/DeskApp.cpp" line="59"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../app/desk/DeskApp.cpp" line="60"/>
        <location filename="../app/desk/DeskApp.cpp" line="190"/>
        <source>ShopDesk</source>
        <translation>ShopDesk</translation>
    </message>
    <message>
        <location filename="../app/desk/DeskApp.cpp" line="68"/>
        <source>Cancelling…</source>
        <translation>Отменяется…</translation>
    </message>
    <message>
        <location filename="../app/desk/DeskApp.cpp" line="107"/>
        <location filename="../app/desk/DeskApp.cpp" line="135"/>
        <source>ShopDesk cannot start</source>
        <translation>ShopDesk не может запуститься</translation>
    </message>
    <message>
        <location filename="../app/desk/DeskApp.cpp" line="108"/>
        <source>ShopDesk could not open its database.</source>
        <translation>ShopDesk не удалось открыть свою базу данных.</translation>
    </message>
    <message>
        <location filename="../app/desk/DeskApp.cpp" line="110"/>
        <source>&amp;Try again</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <location filename="../app/desk/DeskApp.cpp" line="111"/>
        <source>&amp;Use another database…</source>
        <translation>&amp;Другая база данных…</translation>
    </message>
    <message>
        <location filename="../app/desk/DeskApp.cpp" line="112"/>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <location filename="../app/desk/DeskApp.cpp" line="170"/>
        <source>&lt;small&gt;Demo accounts:&lt;/small&gt;&lt;table cellspacing=4&gt;%1&lt;/table&gt;</source>
        <translation>&lt;small&gt;Демонстрационные учётные записи:&lt;/small&gt;&lt;table cellspacing=4&gt;%1&lt;/table&gt;</translation>
    </message>
    <message>
        <location filename="../app/desk/DeskApp.cpp" line="192"/>
        <source>Demo data not loaded</source>
        <translation>Демо-данные не загружены</translation>
    </message>
</context>
<context>
    <name>DocumentStatus</name>
    <message>
        <location filename="../models/documents/PriceDocument.cpp" line="12"/>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocument.cpp" line="13"/>
        <source>posted</source>
        <translation>проведён</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocument.cpp" line="14"/>
        <source>cancelled</source>
        <translation>отменён</translation>
    </message>
</context>
<context>
    <name>EmbeddedCluster</name>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="106"/>
        <source>Cannot run %1: %2</source>
        <translation>Не удаётся запустить %1: %2</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="112"/>
        <source>%1 did not finish in %2 seconds.</source>
        <translation>%1 не завершился за %2 с.</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="126"/>
        <source>ShopDesk runs as root, and PostgreSQL refuses to run as root, so its built-in database must run as the &quot;postgres&quot; system account, which does not exist. Install PostgreSQL (it creates that account) or start ShopDesk as an ordinary user.</source>
        <translation>ShopDesk запущен от имени root, а PostgreSQL отказывается работать от root, поэтому встроенная база данных должна работать от системной учётной записи «postgres», которой нет. Установите PostgreSQL (он создаёт эту учётную запись) или запустите ShopDesk от имени обычного пользователя.</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="133"/>
        <source>Cannot create the database folder %1. Check that it is writable.</source>
        <translation>Не удаётся создать папку базы данных %1. Проверьте, что в неё можно писать.</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="142"/>
        <source>Cannot hand the database folder %1 to the %2 account: %3</source>
        <translation>Не удаётся передать папку базы данных %1 учётной записи %2: %3</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="154"/>
        <location filename="../models/db/EmbeddedCluster.cpp" line="170"/>
        <location filename="../models/db/EmbeddedCluster.cpp" line="202"/>
        <source>Cannot write %1.</source>
        <translation>Не удаётся записать %1.</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="160"/>
        <source>The built-in database in %1 has lost its password file (%2). Restore it, or move the folder away to let ShopDesk create a new, empty database.</source>
        <translation>Встроенная база данных в %1 потеряла файл пароля (%2). Восстановите его или переместите папку, чтобы ShopDesk создал новую, пустую базу.</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="183"/>
        <source>Creating the built-in database failed:
%1</source>
        <translation>Не удалось создать встроенную базу данных:
%1</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="188"/>
        <location filename="../models/db/EmbeddedCluster.cpp" line="197"/>
        <source>Cannot configure %1.</source>
        <translation>Не удаётся настроить %1.</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="225"/>
        <source>its control file global/pg_control is missing</source>
        <translation>нет её управляющего файла global/pg_control</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="227"/>
        <source>it was never configured, and initdb&apos;s password file was left beside it</source>
        <translation>она не была настроена, а рядом остался файл пароля initdb</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="230"/>
        <source>it lacks ShopDesk&apos;s settings</source>
        <translation>в ней нет настроек ShopDesk</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="245"/>
        <source>The built-in database in %1 was left half-made by an interrupted first start (%2), and it cannot be moved aside to %3. Move the folder away by hand to let ShopDesk make it again.</source>
        <translation>Встроенная база данных в %1 осталась недоделанной после прерванного первого запуска (%2), и её не удалось переместить в %3. Переместите папку вручную, чтобы ShopDesk создал базу заново.</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="255"/>
        <source>The built-in database in %1 was left half-made by an interrupted first start (%2). ShopDesk moved it aside to %3 and made a new one.</source>
        <translation>Встроенная база данных в %1 осталась недоделанной после прерванного первого запуска (%2). ShopDesk переместил её в %3 и создал новую.</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="352"/>
        <source>The built-in database server did not start. Its log (%1) says:
%2</source>
        <translation>Сервер встроенной базы данных не запустился. В его журнале (%1) сказано:
%2</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="381"/>
        <source>The built-in database server in %1 is running but ShopDesk cannot sign in to it: %2
If another program started it, stop that program; otherwise remove the folder to start afresh.</source>
        <translation>Сервер встроенной базы данных в %1 работает, но ShopDesk не может к нему подключиться: %2
Если его запустила другая программа, остановите её; иначе удалите папку, чтобы начать заново.</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="394"/>
        <source>Looking for PostgreSQL…</source>
        <translation>Поиск PostgreSQL…</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="407"/>
        <source>Waiting for another ShopDesk that is starting the same database…</source>
        <translation>Ожидание другого экземпляра ShopDesk, который запускает ту же базу данных…</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="409"/>
        <source>Another ShopDesk is still starting the built-in database in %1. Wait for it and try again.</source>
        <translation>Другой экземпляр ShopDesk ещё запускает встроенную базу данных в %1. Дождитесь его и повторите попытку.</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="418"/>
        <source>Setting aside a half-made built-in database…</source>
        <translation>Перемещение недоделанной встроенной базы данных…</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="431"/>
        <source>Creating the built-in database in %1…</source>
        <translation>Создание встроенной базы данных в %1…</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="442"/>
        <source>Starting the built-in database server…</source>
        <translation>Запуск сервера встроенной базы данных…</translation>
    </message>
    <message>
        <location filename="../models/db/EmbeddedCluster.cpp" line="557"/>
        <source>Stopping the built-in database failed: %1</source>
        <translation>Не удалось остановить встроенную базу данных: %1</translation>
    </message>
</context>
<context>
    <name>ExportRunner</name>
    <message numerus="yes">
        <location filename="../ui/common/ExportRunner.cpp" line="27"/>
        <source>%Ln row(s) written…</source>
        <translation>
            <numerusform>Записана %Ln строка…</numerusform>
            <numerusform>Записано %Ln строки…</numerusform>
            <numerusform>Записано %Ln строк…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/common/ExportRunner.cpp" line="34"/>
        <source>CSV for a spreadsheet, fields separated by &quot;%1&quot;, decimals &quot;%2&quot; (*.csv)</source>
        <translation>CSV для электронной таблицы, разделитель полей «%1», дробная часть «%2» (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/common/ExportRunner.cpp" line="42"/>
        <source>Plain CSV, fields separated by &quot;,&quot;, decimals &quot;1.5&quot; (*.csv)</source>
        <translation>Простой CSV, разделитель полей «,», дробная часть «1.5» (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/common/ExportRunner.cpp" line="75"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/common/ExportRunner.cpp" line="117"/>
        <source>%Ln row(s) written to %1.</source>
        <translation>
            <numerusform>%Ln строка записана в %1.</numerusform>
            <numerusform>%Ln строки записаны в %1.</numerusform>
            <numerusform>%Ln строк записано в %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GoodsReceiptPdf</name>
    <message>
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="30"/>
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="79"/>
        <source>Goods receipt No. %1</source>
        <translation>Поступление № %1</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="33"/>
        <source>Goods receipt No. %1, cancelling No. %2</source>
        <translation>Поступление № %1, отменяет № %2</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="35"/>
        <source>Shop: %1</source>
        <translation>Магазин: %1</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="36"/>
        <source>Supplier: %1</source>
        <translation>Поставщик: %1</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="38"/>
        <source>Invoice: %1 of %2</source>
        <translation>Накладная: %1 от %2</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="43"/>
        <source>Posted %1 by %2</source>
        <translation>Проведено %1, %2</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="47"/>
        <source>Status: %1</source>
        <translation>Статус: %1</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="49"/>
        <source>Cancelled by receipt No. %1</source>
        <translation>Отменено поступлением № %1</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="53"/>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="53"/>
        <source>PLU</source>
        <translation>PLU</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="53"/>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="54"/>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="54"/>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="54"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="65"/>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="67"/>
        <source>%Ln line(s)</source>
        <translation>
            <numerusform>%Ln строка</numerusform>
            <numerusform>%Ln строки</numerusform>
            <numerusform>%Ln строк</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptPdf.cpp" line="87"/>
        <source>The PDF could not be written to %1.</source>
        <translation>Не удалось записать PDF в %1.</translation>
    </message>
</context>
<context>
    <name>GoodsReceiptStore</name>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="107"/>
        <source>Choose the supplier.</source>
        <translation>Выберите поставщика.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="111"/>
        <source>The invoice number must be at most %1 characters.</source>
        <translation>Номер накладной — не длиннее %1 символов.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="116"/>
        <source>The invoice date cannot be later than tomorrow.</source>
        <translation>Дата накладной не может быть позже завтрашнего дня.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="119"/>
        <source>The note must be at most %1 characters.</source>
        <translation>Примечание — не длиннее %1 символов.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="125"/>
        <source>Line %1 (PLU %2): </source>
        <translation>Строка %1 (PLU %2): </translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="131"/>
        <source>the weight must be more than 0 and at most %1 kg.</source>
        <translation>вес должен быть больше 0 и не больше %1 кг.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="133"/>
        <source>the quantity must be a whole number from 1 to %1.</source>
        <translation>количество — целое число от 1 до %1.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="136"/>
        <source>give the purchase price; it cannot be zero.</source>
        <translation>укажите закупочную цену; она не может быть нулевой.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="183"/>
        <source>There is no such shop.</source>
        <translation>Такого магазина нет.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="188"/>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="314"/>
        <source>That supplier is not in the list; choose another.</source>
        <translation>Этого поставщика нет в списке; выберите другого.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="205"/>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="360"/>
        <source>There is no such goods receipt.</source>
        <translation>Такого поступления нет.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="222"/>
        <source>Receipt No. %1 has already been posted by %2; it can no longer change.</source>
        <translation>Поступление № %1 уже проведено (%2); изменить его нельзя.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="227"/>
        <source>Receipt No. %1 is cancelled; it can no longer change.</source>
        <translation>Поступление № %1 отменено; изменить его нельзя.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="242"/>
        <source>A receipt holds at most %1 lines; split the delivery.</source>
        <translation>В поступлении не больше %1 строк; разделите поставку.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="251"/>
        <source>Line %1 (PLU %2): the product is already on line %3; add the quantities into one line.</source>
        <translation>Строка %1 (PLU %2): этот товар уже есть в строке %3; сложите количество в одну строку.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="273"/>
        <source>Receipt No. %1 was saved by someone else after you opened it; open it again to see their changes.</source>
        <translation>Поступление № %1 сохранил кто-то другой после того, как вы его открыли; откройте его заново, чтобы увидеть изменения.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="290"/>
        <source>Line %1: there is no product with PLU %2.</source>
        <translation>Строка %1: товара с PLU %2 нет.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="292"/>
        <source>Line %1 (PLU %2): the product is archived and cannot be received.</source>
        <translation>Строка %1 (PLU %2): товар в архиве, его нельзя принять.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="397"/>
        <source>There is no product with PLU %1.</source>
        <translation>Товара с PLU %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="400"/>
        <source>PLU %1 is archived: it cannot be received. Make it active again first.</source>
        <translation>PLU %1 в архиве: его нельзя принять. Сначала верните товар из архива.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="431"/>
        <source>Row %1: no product has the PLU or barcode &quot;%2&quot;.</source>
        <translation>Строка %1: нет товара с PLU или штрихкодом «%2».</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="444"/>
        <source>Row %1 (PLU %2): </source>
        <translation>Строка %1 (PLU %2): </translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="446"/>
        <source>the product is archived and cannot be received.</source>
        <translation>товар в архиве, его нельзя принять.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="453"/>
        <source>the weight &quot;%1&quot; is not a number of kilograms up to %2.</source>
        <translation>вес «%1» — не число килограммов до %2.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="456"/>
        <source>the quantity &quot;%1&quot; is not a whole number from 1 to %2.</source>
        <translation>количество «%1» — не целое число от 1 до %2.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="466"/>
        <source>the price &quot;%1&quot; is not a price above zero.</source>
        <translation>цена «%1» — не цена больше нуля.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="564"/>
        <source>Receipt No. %1 was saved by someone else after you opened it; open it again before posting.</source>
        <translation>Поступление № %1 сохранил кто-то другой после того, как вы его открыли; откройте его заново перед проведением.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="572"/>
        <source>Add the delivered goods before posting.</source>
        <translation>Добавьте поступившие товары перед проведением.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="583"/>
        <source>Line %1 (PLU %2): the product has been archived since; remove the line or make it active again.</source>
        <translation>Строка %1 (PLU %2): товар с тех пор убран в архив; удалите строку или верните товар из архива.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="591"/>
        <source>Receipt No. %1 from %2</source>
        <translation>Поступление № %1 от поставщика %2</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="592"/>
        <source>Receipt No. %1 from %2, invoice %3</source>
        <translation>Поступление № %1 от поставщика %2, накладная %3</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="635"/>
        <source>Receipt No. %1 is already cancelled.</source>
        <translation>Поступление № %1 уже отменено.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="637"/>
        <source>Receipt No. %1 cancels another receipt; it cannot be cancelled itself. Record the goods in a new receipt.</source>
        <translation>Поступление № %1 отменяет другое поступление; его самого отменить нельзя. Оформите товар новым поступлением.</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="667"/>
        <source>Cancels receipt No. %1</source>
        <translation>Отменяет поступление № %1</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="675"/>
        <source>Receipt No. %1 cancels receipt No. %2</source>
        <translation>Поступление № %1 отменяет поступление № %2</translation>
    </message>
    <message>
        <location filename="../models/documents/GoodsReceiptStore.cpp" line="681"/>
        <source>Receipt No. %1 cannot be cancelled: some of its goods have been sold or moved since. %2</source>
        <translation>Поступление № %1 нельзя отменить: часть товара с тех пор продана или перемещена. %2</translation>
    </message>
</context>
<context>
    <name>HeadlessSetup</name>
    <message>
        <location filename="../app/desk/HeadlessSetup.cpp" line="62"/>
        <location filename="../app/desk/HeadlessSetup.cpp" line="69"/>
        <location filename="../app/desk/HeadlessSetup.cpp" line="78"/>
        <source>shopdesk: %1</source>
        <translation>shopdesk: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/desk/HeadlessSetup.cpp" line="71"/>
        <source>Database %1 is ready (%Ln migration(s) applied).</source>
        <translation>
            <numerusform>База данных %1 готова (применена %Ln миграция).</numerusform>
            <numerusform>База данных %1 готова (применены %Ln миграции).</numerusform>
            <numerusform>База данных %1 готова (применено %Ln миграций).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/desk/HeadlessSetup.cpp" line="83"/>
        <source>Demo data was already loaded; left as it is.</source>
        <translation>Демо-данные уже были загружены; оставлены как есть.</translation>
    </message>
    <message>
        <location filename="../app/desk/HeadlessSetup.cpp" line="87"/>
        <source>Demo data: %1 shops, %2 staff, %3 products, %4 stocks, %5 history rows, %6 customers in %7 s.</source>
        <translation>Демо-данные: магазинов — %1, сотрудников — %2, товаров — %3, остатков — %4, строк истории — %5, клиентов — %6; за %7 с.</translation>
    </message>
    <message>
        <location filename="../app/desk/HeadlessSetup.cpp" line="100"/>
        <source>shopdesk: stopped by signal %1.</source>
        <translation>shopdesk: остановлен сигналом %1.</translation>
    </message>
</context>
<context>
    <name>HeldSaleStore</name>
    <message>
        <location filename="../models/checkout/HeldSaleStore.cpp" line="96"/>
        <source>An empty sale cannot be parked.</source>
        <translation>Пустую продажу нельзя отложить.</translation>
    </message>
    <message>
        <location filename="../models/checkout/HeldSaleStore.cpp" line="138"/>
        <source>That parked sale was recalled already.</source>
        <translation>Эта отложенная продажа уже возвращена на кассу.</translation>
    </message>
</context>
<context>
    <name>HistoryFilter</name>
    <message>
        <location filename="../models/history/HistoryFilter.cpp" line="29"/>
        <source>Unknown action &quot;%1&quot;; use one of: %2.</source>
        <translation>Неизвестное действие «%1»; допустимые: %2.</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryFilter.cpp" line="32"/>
        <source>date_min is not a valid date.</source>
        <translation>date_min — некорректная дата.</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryFilter.cpp" line="34"/>
        <source>date_max is not a valid date.</source>
        <translation>date_max — некорректная дата.</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryFilter.cpp" line="38"/>
        <source>date_min (%1) is after date_max (%2).</source>
        <translation>date_min (%1) позже date_max (%2).</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryFilter.cpp" line="44"/>
        <source>Unknown time zone &quot;%1&quot;.</source>
        <translation>Неизвестный часовой пояс «%1».</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryFilter.cpp" line="46"/>
        <source>A PLU has at most 64 characters.</source>
        <translation>PLU — не больше 64 символов.</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryFilter.cpp" line="51"/>
        <source>An id is a positive number.</source>
        <translation>Id — положительное число.</translation>
    </message>
</context>
<context>
    <name>HistoryStore</name>
    <message>
        <location filename="../models/history/HistoryStore.cpp" line="40"/>
        <source>The page size must be from 1 to %1.</source>
        <translation>Размер страницы должен быть от 1 до %1.</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryStore.cpp" line="96"/>
        <source>Shop</source>
        <translation>Магазин</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryStore.cpp" line="96"/>
        <source>PLU</source>
        <translation>PLU</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryStore.cpp" line="96"/>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryStore.cpp" line="96"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryStore.cpp" line="97"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryStore.cpp" line="97"/>
        <source>Shelf change</source>
        <translation>Изменение на полке</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryStore.cpp" line="97"/>
        <source>Shelf after</source>
        <translation>На полке после</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryStore.cpp" line="97"/>
        <source>Action code</source>
        <translation>Код действия</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryStore.cpp" line="98"/>
        <source>Order change</source>
        <translation>Изменение в заказах</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryStore.cpp" line="98"/>
        <source>Order after</source>
        <translation>В заказах после</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryStore.cpp" line="98"/>
        <source>Staff</source>
        <translation>Сотрудник</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryStore.cpp" line="98"/>
        <source>Unit</source>
        <translation>Единица</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryStore.cpp" line="99"/>
        <source>Approved by</source>
        <translation>Подтвердил</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryStore.cpp" line="99"/>
        <source>Order</source>
        <translation>Заказ</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryStore.cpp" line="99"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryStore.cpp" line="175"/>
        <source>The page number must be 1 or more.</source>
        <translation>Номер страницы должен быть 1 или больше.</translation>
    </message>
</context>
<context>
    <name>JsonReader</name>
    <message>
        <location filename="../models/core/JsonReader.cpp" line="32"/>
        <source>%1 is required.</source>
        <translation>%1 — обязательное поле.</translation>
    </message>
    <message>
        <location filename="../models/core/JsonReader.cpp" line="44"/>
        <source>%1 must be a string.</source>
        <translation>%1 должно быть строкой.</translation>
    </message>
    <message>
        <location filename="../models/core/JsonReader.cpp" line="50"/>
        <source>%1 must not contain NUL characters.</source>
        <translation>%1 не должно содержать символов NUL.</translation>
    </message>
    <message>
        <location filename="../models/core/JsonReader.cpp" line="54"/>
        <source>%1 must be at most %2 characters.</source>
        <translation>%1 должно содержать не больше %2 символов.</translation>
    </message>
    <message>
        <location filename="../models/core/JsonReader.cpp" line="69"/>
        <source>%1 must be a whole number.</source>
        <translation>%1 должно быть целым числом.</translation>
    </message>
    <message>
        <location filename="../models/core/JsonReader.cpp" line="73"/>
        <source>%1 must be between %2 and %3.</source>
        <translation>%1 должно быть от %2 до %3.</translation>
    </message>
    <message>
        <location filename="../models/core/JsonReader.cpp" line="85"/>
        <source>%1 must be true or false.</source>
        <translation>%1 должно быть true или false.</translation>
    </message>
    <message>
        <location filename="../models/core/JsonReader.cpp" line="97"/>
        <source>%1 must be an object.</source>
        <translation>%1 должно быть объектом.</translation>
    </message>
    <message>
        <location filename="../models/core/JsonReader.cpp" line="110"/>
        <source>%1 must be an array of strings.</source>
        <translation>%1 должно быть массивом строк.</translation>
    </message>
    <message>
        <location filename="../models/core/JsonReader.cpp" line="115"/>
        <source>%1 must have at most %2 items.</source>
        <translation>%1 может содержать не больше %2 элементов.</translation>
    </message>
    <message>
        <location filename="../models/core/JsonReader.cpp" line="124"/>
        <source>%1 must be an array of strings of 1 to %2 characters.</source>
        <translation>%1 должно быть массивом строк длиной от 1 до %2 символов.</translation>
    </message>
    <message>
        <location filename="../models/core/JsonReader.cpp" line="139"/>
        <source>%1 is not a known field (known: %2).</source>
        <translation>%1 — неизвестное поле (известные: %2).</translation>
    </message>
</context>
<context>
    <name>LabelLayout</name>
    <message>
        <location filename="../models/labels/LabelLayout.cpp" line="49"/>
        <source>The label width must be between %1 and %2 mm.</source>
        <translation>Ширина этикетки должна быть от %1 до %2 мм.</translation>
    </message>
    <message>
        <location filename="../models/labels/LabelLayout.cpp" line="53"/>
        <source>The label height must be between %1 and %2 mm.</source>
        <translation>Высота этикетки должна быть от %1 до %2 мм.</translation>
    </message>
    <message>
        <location filename="../models/labels/LabelLayout.cpp" line="59"/>
        <source>The columns must be between 1 and %1.</source>
        <translation>Столбцов должно быть от 1 до %1.</translation>
    </message>
    <message>
        <location filename="../models/labels/LabelLayout.cpp" line="62"/>
        <source>The rows must be between 1 and %1.</source>
        <translation>Строк должно быть от 1 до %1.</translation>
    </message>
    <message>
        <location filename="../models/labels/LabelLayout.cpp" line="65"/>
        <source>The margin must be between 0 and 50 mm.</source>
        <translation>Поле должно быть от 0 до 50 мм.</translation>
    </message>
    <message>
        <location filename="../models/labels/LabelLayout.cpp" line="68"/>
        <source>The gap must be between 0 and 50 mm.</source>
        <translation>Промежуток должен быть от 0 до 50 мм.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/labels/LabelLayout.cpp" line="73"/>
        <source>%Ln columns do not fit across an A4 page with these margins and gaps: each label would be %1 mm wide, at least %2 mm are needed.</source>
        <translation>
            <numerusform>%Ln столбец не помещается по ширине листа A4 с такими полями и промежутками: ширина этикетки была бы %1 мм, а нужно не меньше %2 мм.</numerusform>
            <numerusform>%Ln столбца не помещаются по ширине листа A4 с такими полями и промежутками: ширина этикетки была бы %1 мм, а нужно не меньше %2 мм.</numerusform>
            <numerusform>%Ln столбцов не помещаются по ширине листа A4 с такими полями и промежутками: ширина этикетки была бы %1 мм, а нужно не меньше %2 мм.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/labels/LabelLayout.cpp" line="80"/>
        <source>%Ln rows do not fit down an A4 page with these margins and gaps: each label would be %1 mm high, at least %2 mm are needed.</source>
        <translation>
            <numerusform>%Ln строка не помещается по высоте листа A4 с такими полями и промежутками: высота этикетки была бы %1 мм, а нужно не меньше %2 мм.</numerusform>
            <numerusform>%Ln строки не помещаются по высоте листа A4 с такими полями и промежутками: высота этикетки была бы %1 мм, а нужно не меньше %2 мм.</numerusform>
            <numerusform>%Ln строк не помещаются по высоте листа A4 с такими полями и промежутками: высота этикетки была бы %1 мм, а нужно не меньше %2 мм.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LabelQueueStore</name>
    <message>
        <location filename="../models/labels/LabelQueueStore.cpp" line="80"/>
        <source>Price changed</source>
        <translation>Цена изменена</translation>
    </message>
    <message>
        <location filename="../models/labels/LabelQueueStore.cpp" line="82"/>
        <source>Price scheduled</source>
        <translation>Цена запланирована</translation>
    </message>
    <message>
        <location filename="../models/labels/LabelQueueStore.cpp" line="86"/>
        <source>Requested</source>
        <translation>По запросу</translation>
    </message>
    <message>
        <location filename="../models/labels/LabelQueueStore.cpp" line="94"/>
        <location filename="../models/labels/LabelQueueStore.cpp" line="124"/>
        <location filename="../models/labels/LabelQueueStore.cpp" line="167"/>
        <source>The date the price starts is not valid.</source>
        <translation>Дата начала действия цены неверна.</translation>
    </message>
    <message>
        <location filename="../models/labels/LabelQueueStore.cpp" line="96"/>
        <source>A label&apos;s price cannot be negative.</source>
        <translation>Цена на этикетке не может быть отрицательной.</translation>
    </message>
    <message>
        <location filename="../models/labels/LabelQueueStore.cpp" line="112"/>
        <location filename="../models/labels/LabelQueueStore.cpp" line="147"/>
        <location filename="../models/labels/LabelQueueStore.cpp" line="186"/>
        <source>The product is not in the catalog.</source>
        <translation>Этого товара нет в каталоге.</translation>
    </message>
    <message>
        <location filename="../models/labels/LabelQueueStore.cpp" line="126"/>
        <location filename="../models/labels/LabelQueueStore.cpp" line="159"/>
        <source>Each label needs its own price.</source>
        <translation>Для каждой этикетки нужна своя цена.</translation>
    </message>
    <message>
        <location filename="../models/labels/LabelQueueStore.cpp" line="209"/>
        <source>Choose the products to queue labels for.</source>
        <translation>Выберите товары, для которых нужно поставить этикетки в очередь.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/labels/LabelQueueStore.cpp" line="212"/>
        <source>At most %Ln labels can be queued at once.</source>
        <translation>
            <numerusform>За один раз в очередь можно поставить не больше %Ln этикетки.</numerusform>
            <numerusform>За один раз в очередь можно поставить не больше %Ln этикеток.</numerusform>
            <numerusform>За один раз в очередь можно поставить не больше %Ln этикеток.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/labels/LabelQueueStore.cpp" line="272"/>
        <source>Choose the shop the labels were printed for.</source>
        <translation>Выберите магазин, для которого напечатаны ценники.</translation>
    </message>
</context>
<context>
    <name>LabelRenderer</name>
    <message>
        <location filename="../ui/labels/LabelRenderer.cpp" line="214"/>
        <source>PLU %1</source>
        <translation>PLU %1</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelRenderer.cpp" line="257"/>
        <source>There are no labels to print.</source>
        <translation>Нет этикеток для печати.</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelRenderer.cpp" line="259"/>
        <source>The printer does not take paper of %1 × %2 mm.</source>
        <translation>Принтер не принимает бумагу %1 × %2 мм.</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelRenderer.cpp" line="264"/>
        <location filename="../ui/labels/LabelRenderer.cpp" line="289"/>
        <source>The printer or file cannot be written to.</source>
        <translation>Не удаётся записать на принтер или в файл.</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelRenderer.cpp" line="271"/>
        <source>The printer or file cannot take another page.</source>
        <translation>Принтер или файл не принимает следующую страницу.</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelRenderer.cpp" line="285"/>
        <source>Printing was stopped.</source>
        <translation>Печать остановлена.</translation>
    </message>
</context>
<context>
    <name>MigrationRunner</name>
    <message>
        <location filename="../models/db/MigrationRunner.cpp" line="40"/>
        <source>Migration file %1 is not named NNNN_name.sql.</source>
        <translation>Имя файла миграции %1 не соответствует шаблону NNNN_name.sql.</translation>
    </message>
    <message>
        <location filename="../models/db/MigrationRunner.cpp" line="43"/>
        <source>Cannot read migration %1.</source>
        <translation>Не удаётся прочитать миграцию %1.</translation>
    </message>
    <message>
        <location filename="../models/db/MigrationRunner.cpp" line="52"/>
        <source>Two migrations have version %1.</source>
        <translation>У двух миграций одна и та же версия %1.</translation>
    </message>
    <message>
        <location filename="../models/db/MigrationRunner.cpp" line="56"/>
        <source>No migrations found in %1.</source>
        <translation>В %1 не найдено миграций.</translation>
    </message>
    <message>
        <location filename="../models/db/MigrationRunner.cpp" line="102"/>
        <source>The database schema (version %1) is newer than this ShopDesk understands (version %2). Update ShopDesk.</source>
        <translation>Схема базы данных (версия %1) новее, чем понимает эта версия ShopDesk (версия %2). Обновите ShopDesk.</translation>
    </message>
    <message>
        <location filename="../models/db/MigrationRunner.cpp" line="113"/>
        <source>Migration %1 (%2) was changed after it was applied to this database. Restore the original file or migrate by hand.</source>
        <translation>Миграция %1 (%2) была изменена после того, как её применили к этой базе данных. Восстановите исходный файл или выполните миграцию вручную.</translation>
    </message>
    <message>
        <location filename="../models/db/MigrationRunner.cpp" line="133"/>
        <source>Migration %1 (%2) failed and was rolled back: %3</source>
        <translation>Миграция %1 (%2) не удалась и была отменена: %3</translation>
    </message>
</context>
<context>
    <name>OrderCancellation</name>
    <message>
        <location filename="../models/orders/OrderCancellation.cpp" line="23"/>
        <source>Order %1 is paid; it cannot be cancelled. Return its items instead.</source>
        <translation>Заказ %1 оплачен, его нельзя отменить. Оформите возврат товаров.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderCancellation.cpp" line="27"/>
        <location filename="../models/orders/OrderCancellation.cpp" line="48"/>
        <source>Order %1 is %2; only an order awaiting payment can be cancelled.</source>
        <translation>У заказа %1 статус «%2»; отменить можно только заказ, ожидающий оплаты.</translation>
    </message>
</context>
<context>
    <name>OrderExpiry</name>
    <message>
        <location filename="../models/orders/OrderExpiry.cpp" line="55"/>
        <location filename="../models/orders/OrderExpiry.cpp" line="66"/>
        <source>payment time ran out</source>
        <translation>время на оплату истекло</translation>
    </message>
</context>
<context>
    <name>OrderLock</name>
    <message>
        <location filename="../models/orders/OrderLock.cpp" line="26"/>
        <source>There is no order %1.</source>
        <translation>Заказа %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderLock.cpp" line="45"/>
        <source>No order was locked.</source>
        <translation>Ни один заказ не заблокирован.</translation>
    </message>
</context>
<context>
    <name>OrderPayment</name>
    <message>
        <location filename="../models/orders/OrderPayment.cpp" line="23"/>
        <source>Order %1 is %2; only an order awaiting payment can be paid.</source>
        <translation>У заказа %1 статус «%2»; оплатить можно только заказ, ожидающий оплаты.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderPayment.cpp" line="31"/>
        <source>The payment time of order %1 ran out; its items went back to the shelf.</source>
        <translation>Время на оплату заказа %1 истекло; его товары вернулись на полку.</translation>
    </message>
</context>
<context>
    <name>OrderPlacement</name>
    <message>
        <location filename="../models/orders/OrderPlacement.cpp" line="71"/>
        <source>Give the shop.</source>
        <translation>Укажите магазин.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderPlacement.cpp" line="74"/>
        <source>A till name is 1 to 16 letters, digits, - or _.</source>
        <translation>Имя кассы — от 1 до 16 латинских букв, цифр, «-» или «_».</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderPlacement.cpp" line="77"/>
        <source>The payment time must be from 1 minute to 24 hours.</source>
        <translation>Время на оплату должно быть от 1 минуты до 24 часов.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderPlacement.cpp" line="166"/>
        <source>%1 (PLU %2) is archived and cannot be sold.</source>
        <translation>%1 (PLU %2) в архиве, его нельзя продать.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderPlacement.cpp" line="199"/>
        <source>There is no shop with id %1.</source>
        <translation>Магазина с id %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderPlacement.cpp" line="234"/>
        <source>There is no customer with id %1.</source>
        <translation>Клиента с id %1 нет.</translation>
    </message>
</context>
<context>
    <name>OrderPricing</name>
    <message>
        <location filename="../models/orders/OrderPricing.cpp" line="37"/>
        <source>A line has no PLU.</source>
        <translation>В строке нет PLU.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderPricing.cpp" line="41"/>
        <source>The quantity of PLU %1 must be from 1 to %2.</source>
        <translation>Количество PLU %1 должно быть от 1 до %2.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderPricing.cpp" line="49"/>
        <source>Too many of PLU %1 in one order.</source>
        <translation>Слишком много PLU %1 в одном заказе.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderPricing.cpp" line="54"/>
        <source>The order has no lines.</source>
        <translation>В заказе нет строк.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderPricing.cpp" line="66"/>
        <source>The price of PLU %1 must be between 0 and 100,000,000.</source>
        <translation>Цена PLU %1 должна быть от 0 до 100 000 000.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderPricing.cpp" line="72"/>
        <source>A price was changed for PLU %1, which the order does not have.</source>
        <translation>Изменена цена PLU %1, которого нет в заказе.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderPricing.cpp" line="87"/>
        <source>There is no product with PLU %1.</source>
        <translation>Товара с PLU %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderPricing.cpp" line="152"/>
        <source>%1 tendered is less than the total %2.</source>
        <translation>Получено %1 — меньше суммы к оплате %2.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderPricing.cpp" line="164"/>
        <source>The card part must be more than zero and less than the total %1.</source>
        <translation>Оплата картой должна быть больше нуля и меньше суммы к оплате %1.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderPricing.cpp" line="171"/>
        <source>%1 tendered is less than the cash part %2.</source>
        <translation>Получено %1 — меньше части наличными %2.</translation>
    </message>
</context>
<context>
    <name>OrderQueries</name>
    <message>
        <location filename="../models/orders/OrderQueries.cpp" line="116"/>
        <source>A cashier sees only their own orders.</source>
        <translation>Кассир видит только свои заказы.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderQueries.cpp" line="136"/>
        <source>There is no order %1.</source>
        <translation>Заказа %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderQueries.cpp" line="146"/>
        <source>The first day is after the last.</source>
        <translation>Первый день позже последнего.</translation>
    </message>
</context>
<context>
    <name>OrderReturns</name>
    <message>
        <location filename="../models/orders/OrderReturns.cpp" line="29"/>
        <source>A till name is 1 to 16 letters, digits, - or _.</source>
        <translation>Имя кассы — от 1 до 16 латинских букв, цифр, «-» или «_».</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderReturns.cpp" line="31"/>
        <source>The reason must be at most 500 characters.</source>
        <translation>Причина должна содержать не больше 500 символов.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderReturns.cpp" line="38"/>
        <source>Order %1 is %2; only a paid order can be returned.</source>
        <translation>У заказа %1 статус «%2»; вернуть можно только оплаченный заказ.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderReturns.cpp" line="175"/>
        <source>Everything in order %1 was returned already.</source>
        <translation>Все товары заказа %1 уже возвращены.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderReturns.cpp" line="181"/>
        <source>Order %1 has no line %2.</source>
        <translation>В заказе %1 нет строки %2.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderReturns.cpp" line="184"/>
        <source>Line %1 is given twice.</source>
        <translation>Строка %1 указана дважды.</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderReturns.cpp" line="188"/>
        <source>Line %1 (PLU %2) can take back from 1 to %3.</source>
        <translation>По строке %1 (PLU %2) можно вернуть от 1 до %3.</translation>
    </message>
</context>
<context>
    <name>OrderStatus</name>
    <message>
        <location filename="../models/orders/OrderStatus.cpp" line="12"/>
        <source>new</source>
        <translation>новый</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderStatus.cpp" line="14"/>
        <source>awaiting payment</source>
        <translation>ожидает оплаты</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderStatus.cpp" line="15"/>
        <source>failed</source>
        <translation>сбой оплаты</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderStatus.cpp" line="16"/>
        <source>paid</source>
        <translation>оплачен</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderStatus.cpp" line="17"/>
        <source>cancelled</source>
        <translation>отменён</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderStatus.cpp" line="18"/>
        <source>returned</source>
        <translation>возвращён</translation>
    </message>
</context>
<context>
    <name>OrderStockMoves</name>
    <message>
        <location filename="../models/orders/OrderStockMoves.cpp" line="93"/>
        <location filename="../models/orders/OrderStockMoves.cpp" line="99"/>
        <source>Order %1</source>
        <translation>Заказ %1</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderStockMoves.cpp" line="106"/>
        <source>Order %1 cancelled</source>
        <translation>Заказ %1 отменён</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderStockMoves.cpp" line="107"/>
        <source>Order %1 cancelled: %2</source>
        <translation>Заказ %1 отменён: %2</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderStockMoves.cpp" line="112"/>
        <source>Return of order %1</source>
        <translation>Возврат по заказу %1</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderStockMoves.cpp" line="113"/>
        <source>Return of order %1: %2</source>
        <translation>Возврат по заказу %1: %2</translation>
    </message>
</context>
<context>
    <name>OrderVat</name>
    <message>
        <location filename="../models/orders/OrderVat.cpp" line="92"/>
        <source>No VAT</source>
        <translation>Без НДС</translation>
    </message>
    <message>
        <location filename="../models/orders/OrderVat.cpp" line="102"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>OutboxStore</name>
    <message>
        <location filename="../models/sync/OutboxStore.cpp" line="225"/>
        <source>the shop&apos;s stock when it joined head office</source>
        <translation>остатки магазина при подключении к головному офису</translation>
    </message>
</context>
<context>
    <name>PaymentMethod</name>
    <message>
        <location filename="../models/orders/PaymentMethod.cpp" line="12"/>
        <source>cash</source>
        <translation>наличные</translation>
    </message>
    <message>
        <location filename="../models/orders/PaymentMethod.cpp" line="13"/>
        <source>card</source>
        <translation>карта</translation>
    </message>
    <message>
        <location filename="../models/orders/PaymentMethod.cpp" line="14"/>
        <source>card and cash</source>
        <translation>карта и наличные</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <location filename="../models/core/Permissions.cpp" line="55"/>
        <source>sell</source>
        <translation>продавать</translation>
    </message>
    <message>
        <location filename="../models/core/Permissions.cpp" line="58"/>
        <source>create or change products</source>
        <translation>создавать и изменять товары</translation>
    </message>
    <message>
        <location filename="../models/core/Permissions.cpp" line="61"/>
        <source>change stock quantities</source>
        <translation>изменять количество товара</translation>
    </message>
    <message>
        <location filename="../models/core/Permissions.cpp" line="64"/>
        <source>run a stocktake</source>
        <translation>проводить инвентаризацию</translation>
    </message>
    <message>
        <location filename="../models/core/Permissions.cpp" line="67"/>
        <source>see the history and reports</source>
        <translation>просматривать историю и отчёты</translation>
    </message>
    <message>
        <location filename="../models/core/Permissions.cpp" line="70"/>
        <source>change customers in bulk</source>
        <translation>массово изменять клиентов</translation>
    </message>
    <message>
        <location filename="../models/core/Permissions.cpp" line="73"/>
        <source>approve returns or cancel other cashiers&apos; orders</source>
        <translation>подтверждать возвраты и отменять заказы других кассиров</translation>
    </message>
    <message>
        <location filename="../models/core/Permissions.cpp" line="76"/>
        <source>change this till&apos;s shop or database</source>
        <translation>менять магазин или базу данных этой кассы</translation>
    </message>
    <message>
        <location filename="../models/core/Permissions.cpp" line="79"/>
        <source>change the VAT rates</source>
        <translation>изменять ставки НДС</translation>
    </message>
    <message>
        <location filename="../models/core/Permissions.cpp" line="82"/>
        <source>manage promo codes</source>
        <translation>управление промокодами</translation>
    </message>
    <message>
        <location filename="../models/core/Permissions.cpp" line="85"/>
        <source>manage staff and settings</source>
        <translation>управлять сотрудниками и настройками</translation>
    </message>
    <message>
        <location filename="../models/core/Permissions.cpp" line="90"/>
        <source>A %1 may not %2. Ask an administrator.</source>
        <translation>Роль «%1» не позволяет %2. Обратитесь к администратору.</translation>
    </message>
    <message>
        <location filename="../models/core/Permissions.cpp" line="91"/>
        <source>A %1 may not %2. Ask a manager.</source>
        <translation>Роль «%1» не позволяет %2. Обратитесь к менеджеру.</translation>
    </message>
</context>
<context>
    <name>PgBinaries</name>
    <message>
        <location filename="../models/db/PgBinaries.cpp" line="86"/>
        <source>The PostgreSQL folder %1 does not contain initdb, pg_ctl and postgres.</source>
        <translation>В папке PostgreSQL %1 нет программ initdb, pg_ctl и postgres.</translation>
    </message>
    <message>
        <location filename="../models/db/PgBinaries.cpp" line="112"/>
        <source>ShopDesk could not find the PostgreSQL server programs (initdb, pg_ctl, postgres) it needs for its built-in database.

Install PostgreSQL 13 or newer: on Debian or Ubuntu run &quot;sudo apt install postgresql&quot;, on Windows install it from the PostgreSQL installer. Or connect ShopDesk to an existing PostgreSQL server.</source>
        <translation>ShopDesk не нашёл программы сервера PostgreSQL (initdb, pg_ctl, postgres), нужные для встроенной базы данных.

Установите PostgreSQL 13 или новее: в Debian или Ubuntu выполните «sudo apt install postgresql», в Windows воспользуйтесь установщиком PostgreSQL. Или подключите ShopDesk к уже работающему серверу PostgreSQL.</translation>
    </message>
</context>
<context>
    <name>PriceDocumentStore</name>
    <message numerus="yes">
        <location filename="../models/documents/PriceDocumentStore.cpp" line="70"/>
        <source>%1 and %Ln more</source>
        <translation>
            <numerusform>%1 и ещё %Ln</numerusform>
            <numerusform>%1 и ещё %Ln</numerusform>
            <numerusform>%1 и ещё %Ln</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="84"/>
        <source>The reason must be at most 500 characters.</source>
        <translation>Причина должна содержать не больше 500 символов.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="93"/>
        <source>The new prices can start now or at a later moment, not in the past.</source>
        <translation>Новые цены могут начать действовать сейчас или позже, но не в прошлом.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="159"/>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="183"/>
        <source>There is no price change No. %1.</source>
        <translation>Переоценки № %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="186"/>
        <source>Price change No. %1 is posted: its prices are history and it can no longer change. Make a new one.</source>
        <translation>Переоценка № %1 проведена: её цены уже в истории, и изменить её нельзя. Создайте новую.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="191"/>
        <source>Price change No. %1 is cancelled and can no longer change.</source>
        <translation>Переоценка № %1 отменена, изменить её нельзя.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="213"/>
        <source>Give at least one PLU.</source>
        <translation>Укажите хотя бы один PLU.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="219"/>
        <source>Type a part of the products&apos; name.</source>
        <translation>Введите часть названия товаров.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="232"/>
        <source>Choose a category.</source>
        <translation>Выберите категорию.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="263"/>
        <source>PLU %1: %2</source>
        <translation>PLU %1: %2</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="270"/>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="291"/>
        <source>Stopped; no line was added.</source>
        <translation>Остановлено; ни одна строка не добавлена.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="279"/>
        <source>No product has PLU %1.</source>
        <translation>Нет товара с PLU %1.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="282"/>
        <source>Archived products keep their price: %1.</source>
        <translation>Цены товаров в архиве не меняются: %1.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="289"/>
        <source>No active product matches.</source>
        <translation>Ни один действующий товар не подходит.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="331"/>
        <source>The product is not on this price change.</source>
        <translation>Этого товара нет в переоценке.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="388"/>
        <source>Price change No. %1 has no products.</source>
        <translation>В переоценке № %1 нет товаров.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="391"/>
        <source>The start of these prices has passed; change it to a later moment, or to now.</source>
        <translation>Время начала этих цен уже прошло; укажите более позднее время или «при проведении».</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="394"/>
        <source>Price change No. %1</source>
        <translation>Переоценка № %1</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="395"/>
        <source>Price change No. %1: %2</source>
        <translation>Переоценка № %1: %2</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="410"/>
        <source>Archived since they were added, these products keep their price: %1. Remove them from the document.</source>
        <translation>Эти товары убраны в архив после добавления, их цены не меняются: %1. Удалите их из документа.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceDocumentStore.cpp" line="431"/>
        <source>These products already have a price from that moment: %1. Choose another time.</source>
        <translation>У этих товаров уже есть цена с этого момента: %1. Выберите другое время.</translation>
    </message>
</context>
<context>
    <name>PriceListImportStore</name>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="160"/>
        <source>The row has neither PLU nor barcode.</source>
        <translation>В строке нет ни PLU, ни штрихкода.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="162"/>
        <source>The PLU &quot;%1&quot; may hold only letters, digits, - and _ (at most 32).</source>
        <translation>PLU «%1» может содержать только буквы, цифры, - и _ (не больше 32).</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="166"/>
        <source>The barcode &quot;%1&quot; must be 8 to 14 digits.</source>
        <translation>Штрихкод «%1» должен состоять из 8–14 цифр.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="168"/>
        <source>The barcode %1 has a wrong check digit.</source>
        <translation>У штрихкода %1 неверная контрольная цифра.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="170"/>
        <source>The name is longer than 200 characters.</source>
        <translation>Название длиннее 200 символов.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="172"/>
        <source>&quot;%1&quot; is not a price.</source>
        <translation>«%1» — не цена.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="174"/>
        <source>The price must be more than zero.</source>
        <translation>Цена должна быть больше нуля.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="176"/>
        <source>The price %1 is too large.</source>
        <translation>Цена %1 слишком велика.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="178"/>
        <source>The row has no price.</source>
        <translation>В строке нет цены.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="180"/>
        <source>The PLU %1 is also in row %2.</source>
        <translation>PLU %1 есть и в строке %2.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="183"/>
        <source>The barcode %1 is also in row %2.</source>
        <translation>Штрихкод %1 есть и в строке %2.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="186"/>
        <source>Row %1 already gives this product&apos;s prices.</source>
        <translation>Цены этого товара уже даёт строка %1.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="188"/>
        <source>The barcode belongs to PLU %1.</source>
        <translation>Штрихкод принадлежит PLU %1.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="190"/>
        <source>PLU %1 is archived; its prices are not changed.</source>
        <translation>PLU %1 в архиве; его цены не меняются.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="192"/>
        <source>No product has this barcode, and a new product needs a PLU.</source>
        <translation>Товара с таким штрихкодом нет, а новому товару нужен PLU.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="195"/>
        <source>No product has PLU %1, and a new product needs a name.</source>
        <translation>Товара с PLU %1 нет, а новому товару нужно название.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="198"/>
        <source>No product has PLU %1, and a new product needs a retail price.</source>
        <translation>Товара с PLU %1 нет, а новому товару нужна розничная цена.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="202"/>
        <source>There is no category &quot;%1&quot;; categories are not created by an import.</source>
        <translation>Категории «%1» нет; импорт не создаёт категорий.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="243"/>
        <source>Choose the supplier of the price list.</source>
        <translation>Выберите поставщика прайс-листа.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="280"/>
        <location filename="../models/imports/PriceListImportStore.cpp" line="290"/>
        <location filename="../models/imports/PriceListImportStore.cpp" line="429"/>
        <location filename="../models/imports/PriceListImportStore.cpp" line="455"/>
        <location filename="../models/imports/PriceListImportStore.cpp" line="493"/>
        <location filename="../models/imports/PriceListImportStore.cpp" line="559"/>
        <source>Stopped; nothing was imported.</source>
        <translation>Остановлено; ничего не импортировано.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="431"/>
        <source>Price list of %1, %2</source>
        <translation>Прайс-лист поставщика %1, %2</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="536"/>
        <location filename="../models/imports/PriceListImportStore.cpp" line="550"/>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="595"/>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="595"/>
        <source>PLU</source>
        <translation>PLU</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="595"/>
        <source>Barcode</source>
        <translation>Штрихкод</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="595"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="595"/>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListImportStore.cpp" line="595"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
</context>
<context>
    <name>PriceListMapping</name>
    <message>
        <location filename="../models/imports/PriceListMapping.cpp" line="68"/>
        <source>PLU</source>
        <translation>PLU</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListMapping.cpp" line="70"/>
        <source>Barcode</source>
        <translation>Штрихкод</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListMapping.cpp" line="72"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListMapping.cpp" line="74"/>
        <source>Purchase price</source>
        <translation>Закупочная цена</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListMapping.cpp" line="76"/>
        <source>Retail price</source>
        <translation>Розничная цена</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListMapping.cpp" line="78"/>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListMapping.cpp" line="102"/>
        <source>Choose the column with the PLU or the barcode: rows are matched to products by them.</source>
        <translation>Выберите столбец с PLU или штрихкодом: по нему строки сопоставляются с товарами.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListMapping.cpp" line="106"/>
        <source>Choose the column with the retail or the purchase price.</source>
        <translation>Выберите столбец с розничной или закупочной ценой.</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListMapping.cpp" line="110"/>
        <source>Choose a column for %1 or none.</source>
        <translation>Выберите столбец для поля «%1» или «нет».</translation>
    </message>
    <message>
        <location filename="../models/imports/PriceListMapping.cpp" line="114"/>
        <source>One column cannot be both %1 and %2.</source>
        <translation>Один столбец не может быть одновременно «%1» и «%2».</translation>
    </message>
</context>
<context>
    <name>PriceRule</name>
    <message>
        <location filename="../models/documents/PriceRule.cpp" line="30"/>
        <location filename="../models/documents/PriceRule.cpp" line="55"/>
        <source>The price must be between 0 and 100,000,000.</source>
        <translation>Цена должна быть от 0 до 100 000 000.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceRule.cpp" line="35"/>
        <source>The change must be between −99.99 % and +1000 %.</source>
        <translation>Изменение должно быть от −99,99 % до +1000 %.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceRule.cpp" line="37"/>
        <source>A change of 0 % changes no price.</source>
        <translation>Изменение на 0 % не меняет ни одной цены.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceRule.cpp" line="41"/>
        <source>Round to the kopeck, 10 kopecks, the ruble or 10 rubles.</source>
        <translation>Округляйте до копейки, 10 копеек, рубля или 10 рублей.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceRule.cpp" line="44"/>
        <source>A price ending in .99 needs rounding to the ruble or 10 rubles.</source>
        <translation>Для цены, оканчивающейся на ,99, нужно округление до рубля или 10 рублей.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceRule.cpp" line="64"/>
        <source>The new price would be over 100,000,000.</source>
        <translation>Новая цена превысила бы 100 000 000.</translation>
    </message>
</context>
<context>
    <name>PriceStore</name>
    <message>
        <location filename="../models/catalog/PriceStore.cpp" line="46"/>
        <source>The price must be between 0 and 100,000,000.</source>
        <translation>Цена должна быть от 0 до 100 000 000.</translation>
    </message>
    <message>
        <location filename="../models/catalog/PriceStore.cpp" line="48"/>
        <source>Give the date and time the price starts.</source>
        <translation>Укажите дату и время начала действия цены.</translation>
    </message>
    <message>
        <location filename="../models/catalog/PriceStore.cpp" line="50"/>
        <location filename="../models/catalog/PriceStore.cpp" line="123"/>
        <source>The reason must be at most 500 characters.</source>
        <translation>Причина должна содержать не больше 500 символов.</translation>
    </message>
    <message>
        <location filename="../models/catalog/PriceStore.cpp" line="65"/>
        <location filename="../models/catalog/PriceStore.cpp" line="140"/>
        <location filename="../models/catalog/PriceStore.cpp" line="218"/>
        <source>There is no product with PLU %1.</source>
        <translation>Товара с PLU %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/catalog/PriceStore.cpp" line="70"/>
        <source>A price can only be scheduled from a later moment; change the price itself to change it now.</source>
        <translation>Цену можно запланировать только на будущий момент; чтобы изменить её сейчас, измените саму цену.</translation>
    </message>
    <message>
        <location filename="../models/catalog/PriceStore.cpp" line="74"/>
        <source>PLU %1 already has a price from that moment; choose another time.</source>
        <translation>У PLU %1 уже есть цена с этого момента; выберите другое время.</translation>
    </message>
    <message>
        <location filename="../models/catalog/PriceStore.cpp" line="111"/>
        <source>The scheduled price is gone.</source>
        <translation>Запланированной цены больше нет.</translation>
    </message>
    <message>
        <location filename="../models/catalog/PriceStore.cpp" line="121"/>
        <source>Give the date and time the scheduled price starts.</source>
        <translation>Укажите дату и время, с которых действует запланированная цена.</translation>
    </message>
    <message>
        <location filename="../models/catalog/PriceStore.cpp" line="144"/>
        <source>PLU %1 has no price scheduled from that moment.</source>
        <translation>У PLU %1 нет цены, запланированной с этого момента.</translation>
    </message>
    <message>
        <location filename="../models/catalog/PriceStore.cpp" line="147"/>
        <source>That price has already started; change the price itself instead.</source>
        <translation>Эта цена уже действует; измените саму цену.</translation>
    </message>
    <message>
        <location filename="../models/catalog/PriceStore.cpp" line="150"/>
        <source>Price-change document No. %1 set that price; it cannot be cancelled on its own.</source>
        <translation>Эту цену задала переоценка № %1; отдельно её отменить нельзя.</translation>
    </message>
</context>
<context>
    <name>ProductCatalogGenerator</name>
    <message>
        <location filename="../models/demo/ProductCatalogGenerator.cpp" line="48"/>
        <source>The product templates make only %1 products; %2 were asked for.</source>
        <translation>Шаблоны товаров дают только %1 товаров, а запрошено %2.</translation>
    </message>
</context>
<context>
    <name>ProductStore</name>
    <message>
        <location filename="../models/catalog/ProductStore.cpp" line="62"/>
        <source>There is no category %1.</source>
        <translation>Категории %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/catalog/ProductStore.cpp" line="98"/>
        <source>The PLU must be 1 to 32 Latin letters, digits, &apos;-&apos; or &apos;_&apos;.</source>
        <translation>PLU должен состоять из 1–32 латинских букв, цифр, «-» или «_».</translation>
    </message>
    <message>
        <location filename="../models/catalog/ProductStore.cpp" line="102"/>
        <source>The product name must be 1 to 200 characters.</source>
        <translation>Название товара должно содержать от 1 до 200 символов.</translation>
    </message>
    <message>
        <location filename="../models/catalog/ProductStore.cpp" line="104"/>
        <source>The price must be between 0 and 100,000,000.</source>
        <translation>Цена должна быть от 0 до 100 000 000.</translation>
    </message>
    <message>
        <location filename="../models/catalog/ProductStore.cpp" line="107"/>
        <source>The barcode must be 8, 12, 13 or 14 digits with a correct check digit (as printed under the bars).</source>
        <translation>Штрихкод должен состоять из 8, 12, 13 или 14 цифр с верной контрольной цифрой (как напечатано под штрихами).</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/catalog/ProductStore.cpp" line="116"/>
        <source>A product can have at most %n barcode(s).</source>
        <translation>
            <numerusform>У товара может быть не больше %n штрихкода.</numerusform>
            <numerusform>У товара может быть не больше %n штрихкодов.</numerusform>
            <numerusform>У товара может быть не больше %n штрихкодов.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/catalog/ProductStore.cpp" line="120"/>
        <source>The barcode %1 must be 8, 12, 13 or 14 digits with a correct check digit (as printed under the bars).</source>
        <translation>Штрихкод %1 должен состоять из 8, 12, 13 или 14 цифр с верной контрольной цифрой (как напечатано под штрихами).</translation>
    </message>
    <message>
        <location filename="../models/catalog/ProductStore.cpp" line="212"/>
        <location filename="../models/catalog/ProductStore.cpp" line="474"/>
        <location filename="../models/catalog/ProductStore.cpp" line="526"/>
        <source>Another product already has the barcode %1.</source>
        <translation>У другого товара уже есть штрихкод %1.</translation>
    </message>
    <message>
        <location filename="../models/catalog/ProductStore.cpp" line="216"/>
        <source>A product with PLU %1 already exists.</source>
        <translation>Товар с PLU %1 уже существует.</translation>
    </message>
    <message>
        <location filename="../models/catalog/ProductStore.cpp" line="238"/>
        <source>The reason must be at most 500 characters.</source>
        <translation>Причина должна содержать не больше 500 символов.</translation>
    </message>
    <message>
        <location filename="../models/catalog/ProductStore.cpp" line="299"/>
        <location filename="../models/catalog/ProductStore.cpp" line="319"/>
        <source>PLU %1 has no barcode %2.</source>
        <translation>У PLU %1 нет штрихкода %2.</translation>
    </message>
    <message>
        <location filename="../models/catalog/ProductStore.cpp" line="345"/>
        <location filename="../models/catalog/ProductStore.cpp" line="530"/>
        <location filename="../models/catalog/ProductStore.cpp" line="548"/>
        <source>There is no product with PLU %1.</source>
        <translation>Товара с PLU %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/catalog/ProductStore.cpp" line="439"/>
        <source>The unit of PLU %1 cannot change: its stock has already moved. Archive it and create a new product with the other unit.</source>
        <translation>Единицу измерения PLU %1 изменить нельзя: по его остаткам уже были движения. Переведите его в архив и создайте новый товар с другой единицей.</translation>
    </message>
    <message>
        <location filename="../models/catalog/ProductStore.cpp" line="208"/>
        <location filename="../models/catalog/ProductStore.cpp" line="458"/>
        <source>The barcode %1 belongs to PLU %2.</source>
        <translation>Штрихкод %1 принадлежит PLU %2.</translation>
    </message>
</context>
<context>
    <name>PromoCodeStore</name>
    <message>
        <location filename="../models/orders/PromoCodeStore.cpp" line="62"/>
        <source>There is no promo code %1.</source>
        <translation>Промокода %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/orders/PromoCodeStore.cpp" line="69"/>
        <source>Promo code %1 has been switched off.</source>
        <translation>Промокод %1 отключён.</translation>
    </message>
    <message>
        <location filename="../models/orders/PromoCodeStore.cpp" line="72"/>
        <source>Promo code %1 is not valid yet: it starts on %2.</source>
        <translation>Промокод %1 ещё не действует: он начнёт действовать %2.</translation>
    </message>
    <message>
        <location filename="../models/orders/PromoCodeStore.cpp" line="76"/>
        <source>Promo code %1 has expired: it ended on %2.</source>
        <translation>Срок промокода %1 истёк: он действовал до %2.</translation>
    </message>
    <message>
        <location filename="../models/orders/PromoCodeStore.cpp" line="93"/>
        <source>Promo code %1 needs a purchase of at least %2; this one is %3.</source>
        <translation>Промокод %1 действует при покупке от %2; эта покупка — %3.</translation>
    </message>
    <message>
        <location filename="../models/orders/PromoCodeStore.cpp" line="121"/>
        <source>Promo code %1 is for other products: nothing in this purchase has its discount.</source>
        <translation>Промокод %1 действует на другие товары: в этой покупке нет товаров со скидкой по нему.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/orders/PromoCodeStore.cpp" line="135"/>
        <source>Promo code %1 has been used up: it was good for %n use(s).</source>
        <translation>
            <numerusform>Промокод %1 исчерпан: он действовал на %n использование.</numerusform>
            <numerusform>Промокод %1 исчерпан: он действовал на %n использования.</numerusform>
            <numerusform>Промокод %1 исчерпан: он действовал на %n использований.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/orders/PromoCodeStore.cpp" line="141"/>
        <source>Promo code %1 is limited per customer: choose the customer first.</source>
        <translation>Промокод %1 ограничен на покупателя: сначала выберите покупателя.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/orders/PromoCodeStore.cpp" line="147"/>
        <source>This customer has used promo code %1 already: it is good for %n use(s) per customer.</source>
        <translation>
            <numerusform>Этот покупатель уже использовал промокод %1: он действует %n раз на покупателя.</numerusform>
            <numerusform>Этот покупатель уже использовал промокод %1: он действует %n раза на покупателя.</numerusform>
            <numerusform>Этот покупатель уже использовал промокод %1: он действует %n раз на покупателя.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PromoStore</name>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="89"/>
        <source>Promo code %1 comes from the head office: it is changed there, and reaches this shop with the catalog.</source>
        <translation>Промокод %1 задан головным офисом: он меняется там и приходит в магазин вместе с каталогом.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="104"/>
        <source>The code must be 3 to 32 Latin letters, digits, &apos;-&apos; or &apos;_&apos;, with no spaces.</source>
        <translation>Код — от 3 до 32 латинских букв, цифр, «-» или «_», без пробелов.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="108"/>
        <source>A percentage off must be a whole number from 1 to 100.</source>
        <translation>Скидка в процентах — целое число от 1 до 100.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="112"/>
        <source>An amount off must be more than 0 and at most %1.</source>
        <translation>Скидка суммой — больше 0 и не больше %1.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="115"/>
        <source>The code must end after it starts.</source>
        <translation>Код должен заканчиваться позже, чем начинается.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="119"/>
        <source>The smallest purchase must be from 0 to %1.</source>
        <translation>Минимальная покупка — от 0 до %1.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="123"/>
        <source>The number of uses must be from 1 to %L1, or no limit.</source>
        <translation>Число использований — от 1 до %L1 или без ограничения.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="128"/>
        <source>The number of uses per customer must be from 1 to %L1, or no limit.</source>
        <translation>Число использований на покупателя — от 1 до %L1 или без ограничения.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="133"/>
        <source>A customer cannot use the code more often than it can be used in all.</source>
        <translation>Покупатель не может использовать код чаще, чем его можно использовать всего.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="136"/>
        <source>A code can be limited to at most %L1 products.</source>
        <translation>Код можно ограничить не более чем %L1 товарами.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="139"/>
        <source>A product&apos;s PLU is empty.</source>
        <translation>PLU товара не указан.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="143"/>
        <source>A code can be limited to at most %L1 categories.</source>
        <translation>Код можно ограничить не более чем %L1 категориями.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="164"/>
        <location filename="../models/promotions/PromoStore.cpp" line="189"/>
        <source>There is no promo code with id %1.</source>
        <translation>Промокода с id %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="214"/>
        <source>There is no product with PLU %1.</source>
        <translation>Товара с PLU %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="236"/>
        <source>There is no category %1.</source>
        <translation>Категории %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="241"/>
        <source>There is already a promo code %1.</source>
        <translation>Промокод %1 уже есть.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="252"/>
        <source>The database refused the %1.</source>
        <translation>База данных отклонила поле %1.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="194"/>
        <source>A code&apos;s text cannot change once it is made; make a new code instead.</source>
        <translation>Текст кода нельзя изменить после создания; создайте новый код.</translation>
    </message>
    <message>
        <location filename="../models/promotions/PromoStore.cpp" line="351"/>
        <source>The period must end after it starts.</source>
        <translation>Период должен заканчиваться позже, чем начинается.</translation>
    </message>
</context>
<context>
    <name>Quantity</name>
    <message>
        <location filename="../models/core/Quantity.cpp" line="16"/>
        <location filename="../models/core/Quantity.cpp" line="25"/>
        <source>%1 kg</source>
        <translation>%1 кг</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <location filename="../models/checkout/Receipt.cpp" line="43"/>
        <source>Receipt %1</source>
        <translation>Чек %1</translation>
    </message>
    <message>
        <location filename="../models/checkout/Receipt.cpp" line="45"/>
        <location filename="../models/checkout/Receipt.cpp" line="92"/>
        <source>Cashier: %1</source>
        <translation>Кассир: %1</translation>
    </message>
    <message>
        <location filename="../models/checkout/Receipt.cpp" line="60"/>
        <source>Subtotal</source>
        <translation>Подытог</translation>
    </message>
    <message>
        <location filename="../models/checkout/Receipt.cpp" line="56"/>
        <location filename="../models/checkout/Receipt.cpp" line="61"/>
        <source>Discount</source>
        <translation>Скидка</translation>
    </message>
    <message>
        <location filename="../models/checkout/Receipt.cpp" line="64"/>
        <source>TOTAL</source>
        <translation>ИТОГО</translation>
    </message>
    <message>
        <location filename="../models/checkout/Receipt.cpp" line="66"/>
        <source>Card</source>
        <translation>Карта</translation>
    </message>
    <message>
        <location filename="../models/checkout/Receipt.cpp" line="68"/>
        <source>Cash</source>
        <translation>Наличные</translation>
    </message>
    <message>
        <location filename="../models/checkout/Receipt.cpp" line="69"/>
        <source>Change</source>
        <translation>Сдача</translation>
    </message>
    <message>
        <location filename="../models/checkout/Receipt.cpp" line="74"/>
        <source>Thank you for your purchase!</source>
        <translation>Спасибо за покупку!</translation>
    </message>
    <message>
        <location filename="../models/checkout/Receipt.cpp" line="89"/>
        <source>RETURN to receipt %1</source>
        <translation>ВОЗВРАТ по чеку %1</translation>
    </message>
    <message>
        <location filename="../models/checkout/Receipt.cpp" line="100"/>
        <source>returned</source>
        <translation>возвращён</translation>
    </message>
    <message>
        <location filename="../models/checkout/Receipt.cpp" line="104"/>
        <source>REFUND TO CARD</source>
        <translation>ВОЗВРАТ НА КАРТУ</translation>
    </message>
    <message>
        <location filename="../models/checkout/Receipt.cpp" line="104"/>
        <source>REFUND IN CASH</source>
        <translation>ВОЗВРАТ НАЛИЧНЫМИ</translation>
    </message>
    <message>
        <location filename="../models/checkout/Receipt.cpp" line="123"/>
        <source>VAT %1 on %2</source>
        <translation>НДС %1 с %2</translation>
    </message>
    <message>
        <location filename="../models/checkout/Receipt.cpp" line="126"/>
        <source>Without VAT</source>
        <translation>Без НДС</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinting</name>
    <message>
        <location filename="../ui/checkout/ReceiptPrinting.cpp" line="50"/>
        <source>The printer cannot print.</source>
        <translation>Принтер не может печатать.</translation>
    </message>
</context>
<context>
    <name>RefusalReason</name>
    <message>
        <location filename="../models/sync/RefusalReason.cpp" line="16"/>
        <source>Head office does not have the product %1 yet. This event goes again by itself once head office has it: when this shop&apos;s product %1 gets there, or head office adds it to its catalog.</source>
        <translation>В головном офисе ещё нет товара %1. Событие будет отправлено снова само, как только товар там появится: когда туда дойдёт товар %1 этого магазина или головной офис добавит его в свой каталог.</translation>
    </message>
    <message>
        <location filename="../models/sync/RefusalReason.cpp" line="21"/>
        <source>Head office does not know the shop %1. Head office must add it (by issuing its token: shopdesk-central --issue-token %1); then retry.</source>
        <translation>Головной офис не знает магазин %1. Головной офис должен добавить его (выпустив для него токен: shopdesk-central --issue-token %1); затем повторите отправку.</translation>
    </message>
    <message>
        <location filename="../models/sync/RefusalReason.cpp" line="25"/>
        <source>This till&apos;s token does not speak for the shop %1, so head office refuses changes of that shop&apos;s stock from here. They reach head office from shop %1&apos;s own till; this event cannot be sent from this one.</source>
        <translation>Токен этой кассы не действует от имени магазина %1, поэтому головной офис не принимает отсюда изменения остатков этого магазина. Они попадают в головной офис с кассы самого магазина %1; с этой кассы это событие отправить нельзя.</translation>
    </message>
    <message>
        <location filename="../models/sync/RefusalReason.cpp" line="31"/>
        <source>Head office has another product with the barcode %2, so it cannot take the product %1. This goes again by itself once head office&apos;s product reaches this shop (the barcode then leaves %1 here); or head office frees the barcode, and you retry.</source>
        <translation>В головном офисе штрихкод %2 принадлежит другому товару, поэтому товар %1 принять нельзя. Событие отправится снова само, когда товар головного офиса дойдёт до этого магазина (тогда штрихкод здесь уйдёт от %1); или головной офис освободит штрихкод, и вы повторите отправку.</translation>
    </message>
    <message>
        <location filename="../models/sync/RefusalReason.cpp" line="37"/>
        <source>Head office cannot take this event as it is (%1): %2</source>
        <translation>Головной офис не может принять это событие в таком виде (%1): %2</translation>
    </message>
    <message>
        <location filename="../models/sync/RefusalReason.cpp" line="38"/>
        <source>its content</source>
        <translation>его содержимое</translation>
    </message>
    <message>
        <location filename="../models/sync/RefusalReason.cpp" line="39"/>
        <source>Refused by head office: %1</source>
        <translation>Отклонено головным офисом: %1</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../models/core/Role.cpp" line="39"/>
        <source>Cashier</source>
        <translation>Кассир</translation>
    </message>
    <message>
        <location filename="../models/core/Role.cpp" line="41"/>
        <source>Stock keeper</source>
        <translation>Кладовщик</translation>
    </message>
    <message>
        <location filename="../models/core/Role.cpp" line="43"/>
        <source>Manager</source>
        <translation>Менеджер</translation>
    </message>
    <message>
        <location filename="../models/core/Role.cpp" line="45"/>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
    <message>
        <location filename="../models/core/Role.cpp" line="47"/>
        <source>Head office</source>
        <translation>Головной офис</translation>
    </message>
</context>
<context>
    <name>ScanInput</name>
    <message>
        <location filename="../models/checkout/ScanInput.cpp" line="19"/>
        <source>Scan or type a code.</source>
        <translation>Отсканируйте или введите код.</translation>
    </message>
    <message>
        <location filename="../models/checkout/ScanInput.cpp" line="27"/>
        <source>The count before * must be from 1 to %1.</source>
        <translation>Количество перед * должно быть от 1 до %1.</translation>
    </message>
</context>
<context>
    <name>ShelfLabel</name>
    <message>
        <location filename="../models/labels/ShelfLabel.cpp" line="74"/>
        <source>per kg</source>
        <translation>за кг</translation>
    </message>
    <message>
        <location filename="../models/labels/ShelfLabel.cpp" line="80"/>
        <source>from %1</source>
        <translation>с %1</translation>
    </message>
</context>
<context>
    <name>ShiftReceipt</name>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="28"/>
        <source>Z REPORT</source>
        <translation>Z-ОТЧЁТ</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="28"/>
        <source>X REPORT</source>
        <translation>X-ОТЧЁТ</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="29"/>
        <source>Shift %1</source>
        <translation>Смена %1</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="30"/>
        <source>Till %1</source>
        <translation>Касса %1</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="31"/>
        <source>closed</source>
        <translation>закрыта</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="31"/>
        <source>running totals</source>
        <translation>текущие итоги</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="32"/>
        <source>Opened %1</source>
        <translation>Открыта %1</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="34"/>
        <source>Closed %1</source>
        <translation>Закрыта %1</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="36"/>
        <source>Sales</source>
        <translation>Продажи</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="37"/>
        <source>Cash</source>
        <translation>Наличные</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="38"/>
        <source>Card</source>
        <translation>Карта</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="39"/>
        <source>Refunds in cash</source>
        <translation>Возвраты наличными</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="40"/>
        <source>Refunds to card</source>
        <translation>Возвраты на карту</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="41"/>
        <source>Takings</source>
        <translation>Выручка</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="48"/>
        <source>Float</source>
        <translation>Размен</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="49"/>
        <source>Cash in</source>
        <translation>Внесение</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="50"/>
        <source>Cash out</source>
        <translation>Изъятие</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="55"/>
        <source>Expected in the drawer</source>
        <translation>Должно быть в кассе</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="57"/>
        <source>Counted</source>
        <translation>Посчитано</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="59"/>
        <source>SHORT</source>
        <translation>НЕДОСТАЧА</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="60"/>
        <source>OVER</source>
        <translation>ИЗЛИШЕК</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftReceipt.cpp" line="61"/>
        <source>Over / short</source>
        <translation>Излишек / недостача</translation>
    </message>
</context>
<context>
    <name>ShiftStore</name>
    <message>
        <location filename="../models/shifts/ShiftStore.cpp" line="23"/>
        <source>The float cannot be negative.</source>
        <translation>Размен не может быть отрицательным.</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftStore.cpp" line="33"/>
        <source>Till %1 already has an open shift; close it with a Z report first.</source>
        <translation>На кассе %1 уже открыта смена; сначала закройте её Z-отчётом.</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftStore.cpp" line="62"/>
        <source>Till %1 has no open shift: open one with the float in the drawer first.</source>
        <translation>На кассе %1 нет открытой смены: сначала откройте смену с разменом в кассе.</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftStore.cpp" line="74"/>
        <source>The amount must be more than zero.</source>
        <translation>Сумма должна быть больше нуля.</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftStore.cpp" line="77"/>
        <source>Say why the cash goes in or out (a top-up, a collection, what was bought).</source>
        <translation>Укажите причину внесения или изъятия (пополнение размена, инкассация, что куплено).</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftStore.cpp" line="92"/>
        <source>Only %1 should be in the drawer; %2 cannot be taken out.</source>
        <translation>В кассе должно быть только %1; изъять %2 нельзя.</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftStore.cpp" line="167"/>
        <source>There is no shift %1.</source>
        <translation>Смены %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftStore.cpp" line="235"/>
        <source>Till %1 has no open shift.</source>
        <translation>На кассе %1 нет открытой смены.</translation>
    </message>
    <message>
        <location filename="../models/shifts/ShiftStore.cpp" line="258"/>
        <source>Till %1 has no open shift to close.</source>
        <translation>На кассе %1 нет открытой смены, которую можно закрыть.</translation>
    </message>
</context>
<context>
    <name>ShopStore</name>
    <message>
        <location filename="../models/shops/ShopStore.cpp" line="44"/>
        <source>There is no shop with id %1.</source>
        <translation>Магазина с id %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/shops/ShopStore.cpp" line="57"/>
        <source>The database has no shop yet.</source>
        <translation>В базе данных ещё нет ни одного магазина.</translation>
    </message>
    <message>
        <location filename="../models/shops/ShopStore.cpp" line="67"/>
        <source>The shop code must be 1 to 32 Latin letters, digits, &apos;-&apos; or &apos;_&apos;.</source>
        <translation>Код магазина должен состоять из 1–32 латинских букв, цифр, «-» или «_».</translation>
    </message>
    <message>
        <location filename="../models/shops/ShopStore.cpp" line="74"/>
        <source>The shop name must be 1 to 200 characters.</source>
        <translation>Название магазина должно содержать от 1 до 200 символов.</translation>
    </message>
</context>
<context>
    <name>Sql</name>
    <message>
        <location filename="../models/core/Sql.cpp" line="92"/>
        <source>The database returned no row where one was expected.</source>
        <translation>База данных не вернула строку, которая ожидалась.</translation>
    </message>
</context>
<context>
    <name>StaffStore</name>
    <message>
        <location filename="../models/staff/StaffStore.cpp" line="63"/>
        <source>There is no such staff account; it may have been removed.</source>
        <translation>Такой учётной записи сотрудника нет; возможно, её удалили.</translation>
    </message>
    <message>
        <location filename="../models/staff/StaffStore.cpp" line="79"/>
        <source>The login must be 1 to 64 lower-case Latin letters, digits, &apos;.&apos;, &apos;-&apos; or &apos;_&apos;.</source>
        <translation>Логин должен состоять из 1–64 строчных латинских букв, цифр, «.», «-» или «_».</translation>
    </message>
    <message>
        <location filename="../models/staff/StaffStore.cpp" line="83"/>
        <source>The name must be 1 to 100 characters.</source>
        <translation>Имя должно содержать от 1 до 100 символов.</translation>
    </message>
    <message>
        <location filename="../models/staff/StaffStore.cpp" line="89"/>
        <source>The name cannot contain tabs, line breaks or other control characters.</source>
        <translation>Имя не может содержать табуляций, переводов строк и других управляющих символов.</translation>
    </message>
    <message>
        <location filename="../models/staff/StaffStore.cpp" line="99"/>
        <source>The password must be at least %1 characters.</source>
        <translation>Пароль должен содержать не меньше %1 символов.</translation>
    </message>
    <message>
        <location filename="../models/staff/StaffStore.cpp" line="107"/>
        <source>The PIN must be %1 to %2 digits.</source>
        <translation>PIN должен состоять из %1–%2 цифр.</translation>
    </message>
    <message>
        <location filename="../models/staff/StaffStore.cpp" line="148"/>
        <location filename="../models/staff/StaffStore.cpp" line="178"/>
        <location filename="../models/staff/StaffStore.cpp" line="434"/>
        <source>The account has an unknown role.</source>
        <translation>У учётной записи неизвестная роль.</translation>
    </message>
    <message>
        <location filename="../models/staff/StaffStore.cpp" line="175"/>
        <source>This account is no longer active.</source>
        <translation>Эта учётная запись больше не активна.</translation>
    </message>
    <message>
        <location filename="../models/staff/StaffStore.cpp" line="238"/>
        <source>You cannot deactivate your own account; another administrator can.</source>
        <translation>Нельзя отключить собственную учётную запись; это может сделать другой администратор.</translation>
    </message>
    <message>
        <location filename="../models/staff/StaffStore.cpp" line="258"/>
        <source>You cannot change your own role; another administrator can.</source>
        <translation>Нельзя изменить собственную роль; это может сделать другой администратор.</translation>
    </message>
    <message>
        <location filename="../models/staff/StaffStore.cpp" line="327"/>
        <source>This is the last active administrator. Make someone else an administrator first.</source>
        <translation>Это последний активный администратор. Сначала назначьте администратором кого-то ещё.</translation>
    </message>
    <message>
        <location filename="../models/staff/StaffStore.cpp" line="358"/>
        <source>Staff accounts already exist; sign in as an administrator to add more.</source>
        <translation>Учётные записи сотрудников уже есть; чтобы добавить новые, войдите как администратор.</translation>
    </message>
    <message>
        <location filename="../models/staff/StaffStore.cpp" line="360"/>
        <source>The login &quot;%1&quot; is taken.</source>
        <translation>Логин «%1» занят.</translation>
    </message>
    <message>
        <location filename="../models/staff/StaffStore.cpp" line="373"/>
        <source>%1 is not a manager and cannot approve this.</source>
        <translation>%1 — не менеджер и не может это подтвердить.</translation>
    </message>
    <message>
        <location filename="../models/staff/StaffStore.cpp" line="381"/>
        <source>Wrong login or password (or PIN).</source>
        <translation>Неверный логин или пароль (или PIN).</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/staff/StaffStore.cpp" line="400"/>
        <source>Too many failed sign-ins. Try again in %Ln minute(s).</source>
        <translation>
            <numerusform>Слишком много неудачных попыток входа. Повторите через %Ln минуту.</numerusform>
            <numerusform>Слишком много неудачных попыток входа. Повторите через %Ln минуты.</numerusform>
            <numerusform>Слишком много неудачных попыток входа. Повторите через %Ln минут.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/staff/StaffStore.cpp" line="404"/>
        <source>Too many failed sign-ins. Try again in %Ln second(s).</source>
        <translation>
            <numerusform>Слишком много неудачных попыток входа. Повторите через %Ln секунду.</numerusform>
            <numerusform>Слишком много неудачных попыток входа. Повторите через %Ln секунды.</numerusform>
            <numerusform>Слишком много неудачных попыток входа. Повторите через %Ln секунд.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/staff/StaffStore.cpp" line="431"/>
        <source>This account is deactivated. Ask an administrator.</source>
        <translation>Эта учётная запись отключена. Обратитесь к администратору.</translation>
    </message>
</context>
<context>
    <name>StockFilter</name>
    <message>
        <location filename="../models/stock/StockFilter.cpp" line="22"/>
        <source>The smallest shelf quantity</source>
        <translation>Наименьшее количество на полке</translation>
    </message>
    <message>
        <location filename="../models/stock/StockFilter.cpp" line="24"/>
        <source>The largest shelf quantity</source>
        <translation>Наибольшее количество на полке</translation>
    </message>
    <message>
        <location filename="../models/stock/StockFilter.cpp" line="26"/>
        <source>The smallest order quantity</source>
        <translation>Наименьшее количество в заказах</translation>
    </message>
    <message>
        <location filename="../models/stock/StockFilter.cpp" line="28"/>
        <source>The largest order quantity</source>
        <translation>Наибольшее количество в заказах</translation>
    </message>
    <message>
        <location filename="../models/stock/StockFilter.cpp" line="33"/>
        <source>%1 cannot be negative.</source>
        <translation>%1 не может быть отрицательным.</translation>
    </message>
    <message>
        <location filename="../models/stock/StockFilter.cpp" line="37"/>
        <source>The smallest shelf quantity (%1) is above the largest (%2).</source>
        <translation>Наименьшее количество на полке (%1) больше наибольшего (%2).</translation>
    </message>
    <message>
        <location filename="../models/stock/StockFilter.cpp" line="42"/>
        <source>The smallest order quantity (%1) is above the largest (%2).</source>
        <translation>Наименьшее количество в заказах (%1) больше наибольшего (%2).</translation>
    </message>
    <message>
        <location filename="../models/stock/StockFilter.cpp" line="46"/>
        <source>shop_id must be a positive number.</source>
        <translation>shop_id должен быть положительным числом.</translation>
    </message>
    <message>
        <location filename="../models/stock/StockFilter.cpp" line="48"/>
        <source>category_id must be a positive number.</source>
        <translation>category_id должен быть положительным числом.</translation>
    </message>
</context>
<context>
    <name>StockStore</name>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="63"/>
        <source>PLU</source>
        <translation>PLU</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="63"/>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="63"/>
        <source>Shop</source>
        <translation>Магазин</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="63"/>
        <source>On shelf</source>
        <translation>На полке</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="63"/>
        <source>Barcode</source>
        <translation>Штрихкод</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="64"/>
        <source>In orders</source>
        <translation>В заказах</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="64"/>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="64"/>
        <source>Changed</source>
        <translation>Изменено</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="64"/>
        <source>Unit</source>
        <translation>Единица</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="97"/>
        <source>The shelf quantity must be between 0 and %1.</source>
        <translation>Количество на полке должно быть от 0 до %1.</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="101"/>
        <source>The order quantity must be between 0 and %1.</source>
        <translation>Количество в заказах должно быть от 0 до %1.</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="107"/>
        <source>There is no product with PLU %1.</source>
        <translation>Товара с PLU %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="114"/>
        <source>There is no shop with id %1.</source>
        <translation>Магазина с id %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="145"/>
        <source>PLU %1 already has stock in this shop; increase or decrease it instead.</source>
        <translation>У PLU %1 уже есть остаток в этом магазине; увеличьте или уменьшите его.</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="154"/>
        <source>PLU %1 is archived: its stock cannot be increased. Make it active again first.</source>
        <translation>PLU %1 в архиве: его остаток нельзя увеличить. Сначала сделайте товар снова активным.</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="173"/>
        <source>The amount must be a whole number from 1 to %1.</source>
        <translation>Количество должно быть целым числом от 1 до %1.</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="283"/>
        <source>Give the product&apos;s PLU.</source>
        <translation>Укажите PLU товара.</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="285"/>
        <source>Give the shop.</source>
        <translation>Укажите магазин.</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="287"/>
        <source>The reason must be at most 500 characters.</source>
        <translation>Причина должна содержать не больше 500 символов.</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="310"/>
        <source>PLU %1 appears twice; add the quantities into one line.</source>
        <translation>PLU %1 встречается дважды; объедините количества в одну строку.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/stock/StockStore.cpp" line="367"/>
        <source>Only %1 of %Ln stock change(s) came back; check the stock list before trying again.</source>
        <translation>
            <numerusform>Вернулось только %1 из %Ln изменения остатков; проверьте список остатков, прежде чем пробовать снова.</numerusform>
            <numerusform>Вернулось только %1 из %Ln изменений остатков; проверьте список остатков, прежде чем пробовать снова.</numerusform>
            <numerusform>Вернулось только %1 из %Ln изменений остатков; проверьте список остатков, прежде чем пробовать снова.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="381"/>
        <location filename="../models/stock/StockStore.cpp" line="409"/>
        <source>The stock changed while this was being saved; try again.</source>
        <translation>Остаток изменился во время сохранения; повторите попытку.</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="384"/>
        <location filename="../models/stock/StockStore.cpp" line="419"/>
        <source>PLU %1 has no stock in this shop.</source>
        <translation>У PLU %1 нет остатка в этом магазине.</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="395"/>
        <source>Only %1 of PLU %2 on the shelf; cannot take %3.</source>
        <translation>На полке только %1 шт. PLU %2; нельзя взять %3.</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="399"/>
        <source>Only %1 of PLU %2 held in orders; cannot take %3.</source>
        <translation>В заказах только %1 шт. PLU %2; нельзя взять %3.</translation>
    </message>
    <message>
        <location filename="../models/stock/StockStore.cpp" line="404"/>
        <source>That would make the quantity of PLU %1 larger than %2.</source>
        <translation>Тогда количество PLU %1 превысит %2.</translation>
    </message>
</context>
<context>
    <name>StocktakeStore</name>
    <message>
        <location filename="../models/stock/StocktakeStore.cpp" line="37"/>
        <source>There is no shop with id %1.</source>
        <translation>Магазина с id %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeStore.cpp" line="41"/>
        <source>A stocktake is already open in this shop; continue it or close it first.</source>
        <translation>В этом магазине уже идёт инвентаризация; продолжите или сначала закройте её.</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeStore.cpp" line="63"/>
        <source>The counted quantity must be 0 or more.</source>
        <translation>Посчитанное количество должно быть 0 или больше.</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeStore.cpp" line="106"/>
        <source>This stocktake is closed; start a new one.</source>
        <translation>Эта инвентаризация закрыта; начните новую.</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeStore.cpp" line="109"/>
        <source>PLU %1 would be counted above %2; correct the line with Replace instead.</source>
        <translation>PLU %1 было бы посчитано больше %2; исправьте строку с помощью «Заменить».</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeStore.cpp" line="113"/>
        <source>PLU %1 has no stock in this shop.</source>
        <translation>У PLU %1 нет остатка в этом магазине.</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeStore.cpp" line="171"/>
        <location filename="../models/stock/StocktakeStore.cpp" line="231"/>
        <source>This stocktake is already closed.</source>
        <translation>Эта инвентаризация уже закрыта.</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeStore.cpp" line="201"/>
        <source>Stocktake %1: counted %2, the system had %3 at the count</source>
        <translation>Инвентаризация %1: посчитано %2, в системе при подсчёте было %3</translation>
    </message>
</context>
<context>
    <name>StocktakeVariance</name>
    <message>
        <location filename="../models/stock/StocktakeVariance.cpp" line="25"/>
        <location filename="../models/stock/StocktakeVariance.cpp" line="58"/>
        <source>PLU</source>
        <translation>PLU</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeVariance.cpp" line="25"/>
        <location filename="../models/stock/StocktakeVariance.cpp" line="58"/>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeVariance.cpp" line="25"/>
        <location filename="../models/stock/StocktakeVariance.cpp" line="58"/>
        <source>Expected</source>
        <translation>Ожидалось</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeVariance.cpp" line="26"/>
        <location filename="../models/stock/StocktakeVariance.cpp" line="58"/>
        <source>Counted</source>
        <translation>Посчитано</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeVariance.cpp" line="26"/>
        <location filename="../models/stock/StocktakeVariance.cpp" line="59"/>
        <source>Difference</source>
        <translation>Разница</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeVariance.cpp" line="26"/>
        <location filename="../models/stock/StocktakeVariance.cpp" line="59"/>
        <source>Value of difference</source>
        <translation>Сумма разницы</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeVariance.cpp" line="54"/>
        <location filename="../models/stock/StocktakeVariance.cpp" line="77"/>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeVariance.cpp" line="58"/>
        <source>Unit</source>
        <translation>Единица</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeVariance.cpp" line="59"/>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeVariance.cpp" line="68"/>
        <source>kg</source>
        <translation>кг</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeVariance.cpp" line="68"/>
        <source>pcs</source>
        <translation>шт.</translation>
    </message>
    <message>
        <location filename="../models/stock/StocktakeVariance.cpp" line="73"/>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
</context>
<context>
    <name>StoreError</name>
    <message>
        <location filename="../models/core/StoreError.cpp" line="17"/>
        <source>Database error: %1</source>
        <translation>Ошибка базы данных: %1</translation>
    </message>
</context>
<context>
    <name>SupplierStore</name>
    <message>
        <location filename="../models/suppliers/SupplierStore.cpp" line="26"/>
        <source>Give the supplier&apos;s name.</source>
        <translation>Укажите название поставщика.</translation>
    </message>
    <message>
        <location filename="../models/suppliers/SupplierStore.cpp" line="29"/>
        <source>The name must be at most %1 characters.</source>
        <translation>Название — не длиннее %1 символов.</translation>
    </message>
    <message>
        <location filename="../models/suppliers/SupplierStore.cpp" line="32"/>
        <source>The tax id must be at most %1 characters.</source>
        <translation>ИНН — не длиннее %1 символов.</translation>
    </message>
    <message>
        <location filename="../models/suppliers/SupplierStore.cpp" line="35"/>
        <source>The contacts must be at most %1 characters.</source>
        <translation>Контакты — не длиннее %1 символов.</translation>
    </message>
    <message>
        <location filename="../models/suppliers/SupplierStore.cpp" line="70"/>
        <source>There already is a supplier named &quot;%1&quot;.</source>
        <translation>Поставщик «%1» уже есть.</translation>
    </message>
    <message>
        <location filename="../models/suppliers/SupplierStore.cpp" line="74"/>
        <source>There is no such supplier.</source>
        <translation>Такого поставщика нет.</translation>
    </message>
</context>
<context>
    <name>SyncInboxStore</name>
    <message>
        <location filename="../models/sync/SyncInboxStore.cpp" line="111"/>
        <source>Another push from this shop is being applied; send again in a moment.</source>
        <translation>Уже применяется другая отправка из этого магазина; повторите чуть позже.</translation>
    </message>
    <message>
        <location filename="../models/sync/SyncInboxStore.cpp" line="129"/>
        <source>Central could not apply it: %1 (SQLSTATE %2).</source>
        <translation>Центральный сервер не смог это применить: %1 (SQLSTATE %2).</translation>
    </message>
    <message>
        <location filename="../models/sync/SyncInboxStore.cpp" line="130"/>
        <source>invalid data</source>
        <translation>некорректные данные</translation>
    </message>
    <message>
        <location filename="../models/sync/SyncInboxStore.cpp" line="149"/>
        <source>idempotency_key must be a UUID.</source>
        <translation>idempotency_key должен быть UUID.</translation>
    </message>
    <message>
        <location filename="../models/sync/SyncInboxStore.cpp" line="186"/>
        <source>created in shop %1</source>
        <translation>создан в магазине %1</translation>
    </message>
    <message>
        <location filename="../models/sync/SyncInboxStore.cpp" line="195"/>
        <source>Unknown event type &quot;%1&quot;.</source>
        <translation>Неизвестный тип события «%1».</translation>
    </message>
    <message>
        <location filename="../models/sync/SyncInboxStore.cpp" line="219"/>
        <source>&quot;%1&quot; is not a stock action.</source>
        <translation>«%1» — не действие с остатками.</translation>
    </message>
    <message>
        <location filename="../models/sync/SyncInboxStore.cpp" line="232"/>
        <source>payload.at must be an ISO 8601 time, not &quot;%1&quot;.</source>
        <translation>payload.at должно быть временем в формате ISO 8601, а не «%1».</translation>
    </message>
    <message>
        <location filename="../models/sync/SyncInboxStore.cpp" line="239"/>
        <source>Central does not know the shop %1.</source>
        <translation>Центральный сервер не знает магазин %1.</translation>
    </message>
    <message>
        <location filename="../models/sync/SyncInboxStore.cpp" line="243"/>
        <source>This token belongs to shop %1; it may not change the stock of shop %2.</source>
        <translation>Этот токен принадлежит магазину %1; он не может менять остатки магазина %2.</translation>
    </message>
    <message>
        <location filename="../models/sync/SyncInboxStore.cpp" line="293"/>
        <source>Central has no product with PLU %1; its product.created event must come first.</source>
        <translation>На центральном сервере нет товара с PLU %1; сначала должно прийти его событие product.created.</translation>
    </message>
</context>
<context>
    <name>SystemUser</name>
    <message>
        <location filename="../models/db/SystemUser.cpp" line="44"/>
        <source>there is no system account &quot;%1&quot;</source>
        <translation>системной учётной записи «%1» нет</translation>
    </message>
</context>
<context>
    <name>TableReader</name>
    <message>
        <location filename="../models/imports/CsvTableReader.cpp" line="32"/>
        <location filename="../models/imports/TableReader.cpp" line="25"/>
        <source>Cannot open %1: %2</source>
        <translation>Не удаётся открыть %1: %2</translation>
    </message>
    <message>
        <location filename="../models/imports/TableReader.cpp" line="33"/>
        <source>%1 is in the old Excel format (XLS), which is not read. Save the price list as XLSX or CSV.</source>
        <translation>%1 в старом формате Excel (XLS), он не читается. Сохраните прайс-лист как XLSX или CSV.</translation>
    </message>
    <message>
        <location filename="../models/imports/TableReader.cpp" line="40"/>
        <source>%1 is not an XLSX file (its content is not a zip archive); it may have been renamed. Save the price list as XLSX or CSV.</source>
        <translation>%1 — не файл XLSX (его содержимое не zip-архив); возможно, его переименовали. Сохраните прайс-лист как XLSX или CSV.</translation>
    </message>
    <message>
        <location filename="../models/imports/TableReader.cpp" line="64"/>
        <source>There are no more rows in the file.</source>
        <translation>В файле больше нет строк.</translation>
    </message>
</context>
<context>
    <name>TokenStore</name>
    <message>
        <location filename="../models/sync/TokenStore.cpp" line="47"/>
        <source>There is no shop with the code %1.</source>
        <translation>Магазина с кодом %1 нет.</translation>
    </message>
</context>
<context>
    <name>VatRateStore</name>
    <message>
        <location filename="../models/catalog/VatRateStore.cpp" line="28"/>
        <source>No VAT</source>
        <translation>Без НДС</translation>
    </message>
    <message>
        <location filename="../models/catalog/VatRateStore.cpp" line="57"/>
        <location filename="../models/catalog/VatRateStore.cpp" line="138"/>
        <location filename="../models/catalog/VatRateStore.cpp" line="174"/>
        <source>There is no VAT rate %1.</source>
        <translation>Ставки НДС %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/catalog/VatRateStore.cpp" line="66"/>
        <source>The code must be 1 to 16 small Latin letters, digits, &apos;-&apos; or &apos;_&apos;.</source>
        <translation>Код — от 1 до 16 строчных латинских букв, цифр, «-» или «_».</translation>
    </message>
    <message>
        <location filename="../models/catalog/VatRateStore.cpp" line="69"/>
        <source>The name must be 1 to 40 characters.</source>
        <translation>Название — от 1 до 40 символов.</translation>
    </message>
    <message>
        <location filename="../models/catalog/VatRateStore.cpp" line="71"/>
        <source>The percentage must be from 0 to 100.</source>
        <translation>Процент должен быть от 0 до 100.</translation>
    </message>
    <message>
        <location filename="../models/catalog/VatRateStore.cpp" line="82"/>
        <source>There is already a VAT rate with the code %1.</source>
        <translation>Ставка НДС с кодом %1 уже есть.</translation>
    </message>
    <message>
        <location filename="../models/catalog/VatRateStore.cpp" line="85"/>
        <source>There is already a VAT rate named %1.</source>
        <translation>Ставка НДС с названием %1 уже есть.</translation>
    </message>
    <message>
        <location filename="../models/catalog/VatRateStore.cpp" line="88"/>
        <source>The list already has a rate of this percentage.</source>
        <translation>В списке уже есть ставка с таким процентом.</translation>
    </message>
    <message>
        <location filename="../models/catalog/VatRateStore.cpp" line="89"/>
        <source>The list already has a rate for goods without VAT.</source>
        <translation>В списке уже есть ставка для товаров без НДС.</translation>
    </message>
    <message>
        <location filename="../models/catalog/VatRateStore.cpp" line="155"/>
        <source>The VAT rate %1 is in use: deactivate it instead.</source>
        <translation>Ставка НДС %1 используется: вместо удаления отключите её.</translation>
    </message>
    <message>
        <location filename="../models/catalog/VatRateStore.cpp" line="177"/>
        <source>The VAT rate %1 is no longer offered.</source>
        <translation>Ставка НДС %1 больше не предлагается.</translation>
    </message>
</context>
<context>
    <name>WindowedTableModel</name>
    <message>
        <location filename="../models/windowed/WindowedTableModel.cpp" line="94"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
</context>
<context>
    <name>WordList</name>
    <message>
        <location filename="../models/demo/WordLists.cpp" line="15"/>
        <source>The word list %1 is missing.</source>
        <translation>Список слов %1 отсутствует.</translation>
    </message>
    <message>
        <location filename="../models/demo/WordLists.cpp" line="27"/>
        <source>Line %1 of word list %2 has %3 fields instead of %4.</source>
        <translation>В строке %1 списка слов %2 полей %3 вместо %4.</translation>
    </message>
</context>
<context>
    <name>WriteOffReason</name>
    <message>
        <location filename="../models/documents/WriteOff.cpp" line="16"/>
        <source>Spoiled</source>
        <translation>Испорчено</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOff.cpp" line="17"/>
        <source>Damaged</source>
        <translation>Повреждено</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOff.cpp" line="18"/>
        <source>Expired</source>
        <translation>Истёк срок годности</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOff.cpp" line="19"/>
        <source>Theft</source>
        <translation>Кража</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOff.cpp" line="20"/>
        <source>Own use</source>
        <translation>Для нужд магазина</translation>
    </message>
</context>
<context>
    <name>WriteOffStore</name>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="92"/>
        <source>Choose the reason for the write-off.</source>
        <translation>Выберите причину списания.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="95"/>
        <source>The note must be at most %1 characters.</source>
        <translation>Примечание — не длиннее %1 символов.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="104"/>
        <source>Line %1 (PLU %2): </source>
        <translation>Строка %1 (PLU %2): </translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="106"/>
        <source>the weight must be more than 0 and at most %1 kg.</source>
        <translation>вес должен быть больше 0 и не больше %1 кг.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="108"/>
        <source>the quantity must be a whole number from 1 to %1.</source>
        <translation>количество — целое число от 1 до %1.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="133"/>
        <source>That reason is not in the list (or is switched off); choose another.</source>
        <translation>Этой причины нет в списке (или она отключена); выберите другую.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="140"/>
        <source>Write-off No. %1 has already been posted by %2; it can no longer change.</source>
        <translation>Списание № %1 уже проведено (%2); изменить его нельзя.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="145"/>
        <source>Write-off No. %1 is discarded; it can no longer change.</source>
        <translation>Списание № %1 отменено; изменить его нельзя.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="176"/>
        <source>There is no such shop.</source>
        <translation>Такого магазина нет.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="198"/>
        <location filename="../models/documents/WriteOffStore.cpp" line="330"/>
        <source>There is no such write-off.</source>
        <translation>Такого списания нет.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="218"/>
        <source>A write-off holds at most %1 lines; make two.</source>
        <translation>В списании не больше %1 строк; сделайте два.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="227"/>
        <source>Line %1 (PLU %2): the product is already on line %3; add the quantities into one line.</source>
        <translation>Строка %1 (PLU %2): этот товар уже есть в строке %3; сложите количество в одну строку.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="246"/>
        <source>Write-off No. %1 was saved by someone else after you opened it; open it again to see their changes.</source>
        <translation>Списание № %1 сохранил кто-то другой после того, как вы его открыли; откройте его заново, чтобы увидеть изменения.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="262"/>
        <source>Line %1: there is no product with PLU %2.</source>
        <translation>Строка %1: товара с PLU %2 нет.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="363"/>
        <source>There is no product with PLU %1.</source>
        <translation>Товара с PLU %1 нет.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="367"/>
        <source>PLU %1 (%2): none is on the shelf here; there is nothing to write off.</source>
        <translation>PLU %1 (%2): на полке этого магазина его нет; списывать нечего.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="388"/>
        <source>Write-off No. %1 was saved by someone else after you opened it; open it again before posting.</source>
        <translation>Списание № %1 сохранил кто-то другой после того, как вы его открыли; откройте его заново перед проведением.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="416"/>
        <source>Add the goods to write off before posting.</source>
        <translation>Добавьте списываемые товары перед проведением.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="421"/>
        <source>Line %1 (PLU %2): only %3 on the shelf; cannot write off %4.</source>
        <translation>Строка %1 (PLU %2): на полке только %3; списать %4 нельзя.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="438"/>
        <source>Write-off No. %1 is worth %2, more than %3: a manager approves it with their password or PIN.</source>
        <translation>Списание № %1 на %2 — больше %3: его подтверждает менеджер паролем или PIN.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="447"/>
        <source>Write-off No. %1: %2</source>
        <translation>Списание № %1: %2</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="448"/>
        <source>Write-off No. %1: %2 (%3)</source>
        <translation>Списание № %1: %2 (%3)</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="491"/>
        <source>Write-off No. %1 is posted: it is never changed. Goods found again are received or added to the stock.</source>
        <translation>Списание № %1 проведено и не меняется. Найденный товар оприходуйте поступлением или корректировкой остатка.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="495"/>
        <source>Write-off No. %1 is already discarded.</source>
        <translation>Списание № %1 уже отменено.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="530"/>
        <source>A reason&apos;s name is 1 to %1 characters.</source>
        <translation>Название причины — от 1 до %1 символов.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="546"/>
        <source>There already is a reason called &quot;%1&quot;.</source>
        <translation>Причина «%1» уже есть.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffStore.cpp" line="587"/>
        <source>The approval threshold must be from %1 to %2.</source>
        <translation>Порог подтверждения — от %1 до %2.</translation>
    </message>
</context>
<context>
    <name>XlsxTableReader</name>
    <message>
        <location filename="../models/imports/XlsxTableReader.cpp" line="19"/>
        <source>%1 cannot be read as an XLSX file: it is damaged or incomplete (not a whole zip archive).</source>
        <translation>%1 не читается как файл XLSX: он повреждён или неполон (не целый zip-архив).</translation>
    </message>
    <message>
        <location filename="../models/imports/XlsxTableReader.cpp" line="33"/>
        <source>The file is damaged: its first sheet (%1) cannot be unpacked.</source>
        <translation>Файл повреждён: его первый лист (%1) не распаковывается.</translation>
    </message>
    <message>
        <location filename="../models/imports/XlsxTableReader.cpp" line="43"/>
        <source>The file is damaged: the sheet “%1” is not valid XML near row %2 (%3).</source>
        <translation>Файл повреждён: лист «%1» — неверный XML около строки %2 (%3).</translation>
    </message>
    <message>
        <location filename="../models/imports/XlsxTableReader.cpp" line="48"/>
        <source>The file is damaged or incomplete: the sheet “%1” cannot be unpacked near row %2.</source>
        <translation>Файл повреждён или неполон: лист «%1» не распаковывается около строки %2.</translation>
    </message>
    <message>
        <location filename="../models/imports/XlsxTableReader.cpp" line="66"/>
        <source>The file is damaged: after row %1 comes a row numbered “%2”.</source>
        <translation>Файл повреждён: после строки %1 идёт строка с номером «%2».</translation>
    </message>
    <message>
        <location filename="../models/imports/XlsxTableReader.cpp" line="104"/>
        <source>The file is damaged: the sheet “%1” ends inside row %2.</source>
        <translation>Файл повреждён: лист «%1» кончается внутри строки %2.</translation>
    </message>
    <message>
        <location filename="../models/imports/XlsxTableReader.cpp" line="119"/>
        <source>The file is damaged: row %1 has a cell “%2” that is not in it.</source>
        <translation>Файл повреждён: в строке %1 есть ячейка «%2» из другой строки.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/imports/XlsxTableReader.cpp" line="123"/>
        <source>The file is damaged: row %1 has more than %Ln columns.</source>
        <translation>
            <numerusform>Файл повреждён: в строке %1 больше %Ln столбца.</numerusform>
            <numerusform>Файл повреждён: в строке %1 больше %Ln столбцов.</numerusform>
            <numerusform>Файл повреждён: в строке %1 больше %Ln столбцов.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/imports/XlsxTableReader.cpp" line="138"/>
        <source>The file is damaged: row %1, column %2 refers to shared text number %3, which the file does not have.</source>
        <translation>Файл повреждён: строка %1, столбец %2 ссылается на общий текст № %3, которого в файле нет.</translation>
    </message>
</context>
<context>
    <name>XlsxWorkbook</name>
    <message>
        <location filename="../models/imports/XlsxWorkbook.cpp" line="67"/>
        <source>The file is damaged: its list of sheets (%1) is not valid XML (%2).</source>
        <translation>Файл повреждён: его список листов (%1) — неверный XML (%2).</translation>
    </message>
    <message>
        <location filename="../models/imports/XlsxWorkbook.cpp" line="82"/>
        <source>The file is a zip archive but not an XLSX workbook: it has no %1. Save the price list as XLSX or CSV.</source>
        <translation>Файл — zip-архив, но не книга XLSX: в нём нет %1. Сохраните прайс-лист как XLSX или CSV.</translation>
    </message>
    <message>
        <location filename="../models/imports/XlsxWorkbook.cpp" line="86"/>
        <source>The file is damaged: its first sheet (%1) is missing.</source>
        <translation>Файл повреждён: его первого листа (%1) нет.</translation>
    </message>
    <message>
        <location filename="../models/imports/XlsxWorkbook.cpp" line="121"/>
        <source>The file is damaged: %1 cannot be unpacked.</source>
        <translation>Файл повреждён: %1 не распаковывается.</translation>
    </message>
    <message>
        <location filename="../models/imports/XlsxWorkbook.cpp" line="124"/>
        <source>The file is damaged: %1 is not valid XML (%2).</source>
        <translation>Файл повреждён: %1 — неверный XML (%2).</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/desk/main.cpp" line="52"/>
        <source>Run &quot;shopdesk --help&quot; for the options.</source>
        <translation>Параметры: «shopdesk --help».</translation>
    </message>
    <message>
        <location filename="../app/central/main.cpp" line="43"/>
        <source>Run &quot;shopdesk-central --help&quot; for the options.</source>
        <translation>Параметры: «shopdesk-central --help».</translation>
    </message>
    <message>
        <location filename="../app/central/main.cpp" line="53"/>
        <source>cannot connect to %1: %2. Check that the database server runs and the URL is right.</source>
        <translation>не удаётся подключиться к %1: %2. Проверьте, что сервер базы данных запущен и адрес указан верно.</translation>
    </message>
    <message>
        <location filename="../app/central/main.cpp" line="83"/>
        <source>There was no shop with the code %1: it is created now. If you meant an existing shop, revoke this token (--revoke-tokens %1) and issue one with the right code.</source>
        <translation>Магазина с кодом %1 не было: он создан. Если имелся в виду существующий магазин, отзовите этот токен (--revoke-tokens %1) и выпустите новый с правильным кодом.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/central/main.cpp" line="99"/>
        <source>Revoked %Ln token(s).</source>
        <translation>
            <numerusform>Отозван %Ln токен.</numerusform>
            <numerusform>Отозвано %Ln токена.</numerusform>
            <numerusform>Отозвано %Ln токенов.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::AdjustStockDialog</name>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="26"/>
        <source>Delivery</source>
        <translation>Поставка</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="26"/>
        <source>Return from customer</source>
        <translation>Возврат от покупателя</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="26"/>
        <source>Found in stock</source>
        <translation>Найдено на складе</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="26"/>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="33"/>
        <source>Correction</source>
        <translation>Корректировка</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="27"/>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="33"/>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="32"/>
        <source>Write-off: damaged</source>
        <translation>Списание: повреждение</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="32"/>
        <source>Write-off: expired</source>
        <translation>Списание: истёк срок годности</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="32"/>
        <source>Return to supplier</source>
        <translation>Возврат поставщику</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="33"/>
        <source>Theft or loss</source>
        <translation>Кража или потеря</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="41"/>
        <source>&amp;Increase</source>
        <translation>&amp;Увеличить</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="42"/>
        <source>&amp;Decrease</source>
        <translation>Уме&amp;ньшить</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="43"/>
        <source>On the s&amp;helf</source>
        <translation>На по&amp;лке</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="44"/>
        <source>In o&amp;rders</source>
        <translation>В &amp;заказах</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="50"/>
        <source>Adjust stock</source>
        <translation>Изменение остатка</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="54"/>
        <source>PLU %1</source>
        <translation>PLU %1</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="58"/>
        <source>Now: %1 on the shelf, %2 in orders</source>
        <translation>Сейчас: на полке %1, в заказах %2</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="81"/>
        <source>optional note, e.g. invoice number</source>
        <translation>необязательная заметка, например номер накладной</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="94"/>
        <source>Change:</source>
        <translation>Изменение:</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="95"/>
        <source>Quantity:</source>
        <translation>Остаток:</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="96"/>
        <source>&amp;Amount:</source>
        <translation>&amp;Количество:</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="97"/>
        <source>R&amp;eason:</source>
        <translation>&amp;Причина:</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="98"/>
        <source>&amp;Note:</source>
        <translation>За&amp;метка:</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="103"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="140"/>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;Only %1 there; cannot take %2.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;Есть только %1; нельзя взять %2.&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../ui/stock/AdjustStockDialog.cpp" line="144"/>
        <source>After the change: %1</source>
        <translation>После изменения: %1</translation>
    </message>
</context>
<context>
    <name>shopdesk::BarcodeListEdit</name>
    <message>
        <location filename="../ui/catalog/BarcodeListEdit.cpp" line="24"/>
        <source>A&amp;dd</source>
        <translation>До&amp;бавить</translation>
    </message>
    <message>
        <location filename="../ui/catalog/BarcodeListEdit.cpp" line="25"/>
        <source>Remo&amp;ve</source>
        <translation>&amp;Убрать</translation>
    </message>
    <message>
        <location filename="../ui/catalog/BarcodeListEdit.cpp" line="26"/>
        <source>Make &amp;main</source>
        <translation>Сделать &amp;главным</translation>
    </message>
    <message>
        <location filename="../ui/catalog/BarcodeListEdit.cpp" line="30"/>
        <source>The product is found by any of its barcodes; the main one (first, in bold) is printed on its shelf label.</source>
        <translation>Товар находится по любому своему штрихкоду; основной (первый, жирным) печатается на ценнике.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/BarcodeListEdit.cpp" line="33"/>
        <source>type or scan a barcode, then Enter</source>
        <translation>введите или отсканируйте штрихкод, затем Enter</translation>
    </message>
    <message>
        <location filename="../ui/catalog/BarcodeListEdit.cpp" line="84"/>
        <source>%1 (main)</source>
        <translation>%1 (основной)</translation>
    </message>
    <message>
        <location filename="../ui/catalog/BarcodeListEdit.cpp" line="140"/>
        <source>The barcode %1 belongs to PLU %2.</source>
        <translation>Штрихкод %1 принадлежит PLU %2.</translation>
    </message>
</context>
<context>
    <name>shopdesk::CardPaymentDialog</name>
    <message>
        <location filename="../ui/checkout/CardPaymentDialog.cpp" line="19"/>
        <source>Card payment — order %1</source>
        <translation>Оплата картой — заказ %1</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CardPaymentDialog.cpp" line="32"/>
        <source>&amp;Approved (Enter)</source>
        <translation>&amp;Одобрено (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CardPaymentDialog.cpp" line="34"/>
        <source>&amp;Back (Esc)</source>
        <translation>&amp;Назад (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CardPaymentDialog.cpp" line="52"/>
        <source>Key the amount into the card terminal. When the terminal shows the payment approved, press Enter. Esc goes back to the sale.</source>
        <translation>Введите сумму на платёжном терминале. Когда терминал покажет, что оплата одобрена, нажмите Enter. Esc — вернуться к продаже.</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CardPaymentDialog.cpp" line="57"/>
        <source>Waiting for the card terminal…</source>
        <translation>Ожидание платёжного терминала…</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CardPaymentDialog.cpp" line="62"/>
        <source>The terminal declined the payment: %1</source>
        <translation>Терминал отклонил оплату: %1</translation>
    </message>
</context>
<context>
    <name>shopdesk::CartModel</name>
    <message>
        <location filename="../models/checkout/CartModel.cpp" line="51"/>
        <source>%1/kg</source>
        <translation>%1/кг</translation>
    </message>
    <message>
        <location filename="../models/checkout/CartModel.cpp" line="63"/>
        <source>Changed from %1, approved by %2</source>
        <translation>Цена изменена с %1; подтвердил(а): %2</translation>
    </message>
    <message>
        <location filename="../models/checkout/CartModel.cpp" line="77"/>
        <source>PLU</source>
        <translation>PLU</translation>
    </message>
    <message>
        <location filename="../models/checkout/CartModel.cpp" line="79"/>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <location filename="../models/checkout/CartModel.cpp" line="81"/>
        <source>Qty</source>
        <translation>Кол-во</translation>
    </message>
    <message>
        <location filename="../models/checkout/CartModel.cpp" line="83"/>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <location filename="../models/checkout/CartModel.cpp" line="85"/>
        <source>Discount</source>
        <translation>Скидка</translation>
    </message>
    <message>
        <location filename="../models/checkout/CartModel.cpp" line="87"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
</context>
<context>
    <name>shopdesk::CashMovementDialog</name>
    <message>
        <location filename="../ui/shifts/CashMovementDialog.cpp" line="21"/>
        <source>Cash &amp;in</source>
        <translation>&amp;Внесение</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CashMovementDialog.cpp" line="22"/>
        <source>Cash &amp;out</source>
        <translation>&amp;Изъятие</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CashMovementDialog.cpp" line="27"/>
        <source>Cash in or out</source>
        <translation>Внесение или изъятие наличных</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CashMovementDialog.cpp" line="36"/>
        <source>Why: a top-up, a collection, what was bought</source>
        <translation>Причина: пополнение, инкассация, что куплено</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CashMovementDialog.cpp" line="41"/>
        <source>Float top-up</source>
        <translation>Пополнение размена</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CashMovementDialog.cpp" line="41"/>
        <source>Change brought from the safe</source>
        <translation>Размен из сейфа</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CashMovementDialog.cpp" line="43"/>
        <source>Collection</source>
        <translation>Инкассация</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CashMovementDialog.cpp" line="43"/>
        <source>Petty expense: </source>
        <translation>Мелкий расход: </translation>
    </message>
    <message>
        <location filename="../ui/shifts/CashMovementDialog.cpp" line="43"/>
        <source>Change to the safe</source>
        <translation>Размен в сейф</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CashMovementDialog.cpp" line="54"/>
        <source>Direction:</source>
        <translation>Операция:</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CashMovementDialog.cpp" line="55"/>
        <source>&amp;Amount:</source>
        <translation>&amp;Количество:</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CashMovementDialog.cpp" line="56"/>
        <source>&amp;Reason:</source>
        <translation>&amp;Причина:</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CashMovementDialog.cpp" line="59"/>
        <source>&amp;Record</source>
        <translation>&amp;Записать</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CashMovementDialog.cpp" line="97"/>
        <source>Type an amount of more than zero.</source>
        <translation>Введите сумму больше нуля.</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CashMovementDialog.cpp" line="99"/>
        <source>Say why the cash goes in or out.</source>
        <translation>Укажите причину внесения или изъятия.</translation>
    </message>
</context>
<context>
    <name>shopdesk::CategoryComboBox</name>
    <message>
        <location filename="../ui/common/CategoryComboBox.cpp" line="40"/>
        <source>(no category)</source>
        <translation>(без категории)</translation>
    </message>
</context>
<context>
    <name>shopdesk::CategoryTree</name>
    <message>
        <location filename="../ui/catalog/CategoryTree.cpp" line="41"/>
        <location filename="../ui/catalog/CategoryTree.cpp" line="144"/>
        <source>Choose a category to see its products and its subcategories&apos;.</source>
        <translation>Выберите категорию, чтобы увидеть её товары и товары её подкатегорий.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/CategoryTree.cpp" line="53"/>
        <source>&amp;New category…</source>
        <translation>&amp;Новая категория…</translation>
    </message>
    <message>
        <location filename="../ui/catalog/CategoryTree.cpp" line="55"/>
        <source>&amp;Rename…</source>
        <translation>&amp;Переименовать…</translation>
    </message>
    <message>
        <location filename="../ui/catalog/CategoryTree.cpp" line="57"/>
        <source>&amp;Move to…</source>
        <translation>П&amp;ереместить в…</translation>
    </message>
    <message>
        <location filename="../ui/catalog/CategoryTree.cpp" line="59"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Удалить…</translation>
    </message>
    <message>
        <location filename="../ui/catalog/CategoryTree.cpp" line="114"/>
        <source>All products</source>
        <translation>Все товары</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/catalog/CategoryTree.cpp" line="123"/>
        <source>%1: %n product(s) directly in it</source>
        <translation>
            <numerusform>%1: %n товар непосредственно в ней</numerusform>
            <numerusform>%1: %n товара непосредственно в ней</numerusform>
            <numerusform>%1: %n товаров непосредственно в ней</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/catalog/CategoryTree.cpp" line="168"/>
        <source>New category</source>
        <translation>Новая категория</translation>
    </message>
    <message>
        <location filename="../ui/catalog/CategoryTree.cpp" line="169"/>
        <source>Name of the new category in %1:</source>
        <translation>Название новой категории в «%1»:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/CategoryTree.cpp" line="170"/>
        <source>Name of the new top-level category:</source>
        <translation>Название новой категории верхнего уровня:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/CategoryTree.cpp" line="182"/>
        <source>Rename category</source>
        <translation>Переименовать категорию</translation>
    </message>
    <message>
        <location filename="../ui/catalog/CategoryTree.cpp" line="182"/>
        <source>New name:</source>
        <translation>Новое название:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/CategoryTree.cpp" line="197"/>
        <source>(top level)</source>
        <translation>(верхний уровень)</translation>
    </message>
    <message>
        <location filename="../ui/catalog/CategoryTree.cpp" line="211"/>
        <source>Move category</source>
        <translation>Переместить категорию</translation>
    </message>
    <message>
        <location filename="../ui/catalog/CategoryTree.cpp" line="211"/>
        <source>Move %1 into:</source>
        <translation>Переместить «%1» в:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/CategoryTree.cpp" line="228"/>
        <location filename="../ui/catalog/CategoryTree.cpp" line="233"/>
        <source>Delete category</source>
        <translation>Удалить категорию</translation>
    </message>
    <message>
        <location filename="../ui/catalog/CategoryTree.cpp" line="229"/>
        <source>Delete the empty category %1?</source>
        <translation>Удалить пустую категорию «%1»?</translation>
    </message>
    <message>
        <location filename="../ui/catalog/CategoryTree.cpp" line="234"/>
        <source>%1 is not empty. Delete it and move its products and subcategories up one level?</source>
        <translation>Категория «%1» не пуста. Удалить её и перенести товары и подкатегории на уровень выше?</translation>
    </message>
</context>
<context>
    <name>shopdesk::CentralClient</name>
    <message>
        <location filename="../app/sync/CentralClient.cpp" line="256"/>
        <source>Central&apos;s database is %1.</source>
        <translation>Состояние базы данных центрального сервера: %1.</translation>
    </message>
    <message>
        <location filename="../app/sync/CentralClient.cpp" line="260"/>
        <source>Central gave an unexpected answer.</source>
        <translation>Центральный сервер дал неожиданный ответ.</translation>
    </message>
    <message>
        <location filename="../app/sync/CentralClient.cpp" line="345"/>
        <source>Central did not answer within %1 seconds.</source>
        <translation>Центральный сервер не ответил за %1 с.</translation>
    </message>
    <message>
        <location filename="../app/sync/CentralClient.cpp" line="359"/>
        <source>Central answered %1 %2.</source>
        <translation>Центральный сервер ответил: %1 %2.</translation>
    </message>
    <message>
        <location filename="../app/sync/CentralClient.cpp" line="374"/>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/sync/CentralClient.cpp" line="390"/>
        <source>%1 (gave up after %Ln attempt(s))</source>
        <translation>
            <numerusform>%1 (прекращено после %Ln попытки)</numerusform>
            <numerusform>%1 (прекращено после %Ln попыток)</numerusform>
            <numerusform>%1 (прекращено после %Ln попыток)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::CheckoutPage</name>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="67"/>
        <source>Checkout</source>
        <translation>Касса</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="69"/>
        <source>&amp;Park sale</source>
        <translation>Отло&amp;жить продажу</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="72"/>
        <source>&amp;Recall sale…</source>
        <translation>Вернуть от&amp;ложенную…</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="83"/>
        <source>Scan a barcode, or type a PLU or a name; 3*code for three</source>
        <translation>Отсканируйте штрихкод или введите PLU или название; 3*код — три штуки</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="117"/>
        <source>− 1</source>
        <translation>− 1</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="118"/>
        <source>+ 1</source>
        <translation>+ 1</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="119"/>
        <source>Remove line</source>
        <translation>Удалить строку</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="120"/>
        <source>Price… (F6)</source>
        <translation>Цена… (F6)</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="138"/>
        <source>Promo code</source>
        <translation>Промокод</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="145"/>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="703"/>
        <source>Customer… (F8)</source>
        <translation>Клиент… (F8)</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="148"/>
        <source>Cash (F9)</source>
        <translation>Наличные (F9)</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="149"/>
        <source>Card (F10)</source>
        <translation>Карта (F10)</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="150"/>
        <source>Card + cash (F11)</source>
        <translation>Карта + наличные (F11)</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="151"/>
        <source>New sale (F12)</source>
        <translation>Новая продажа (F12)</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="152"/>
        <source>Receipt again (F7)</source>
        <translation>Чек ещё раз (F7)</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="320"/>
        <source>Till %1 has no open shift: open it (Alt+O) before taking payment.</source>
        <translation>На кассе %1 нет открытой смены: откройте её (Alt+O), прежде чем принимать оплату.</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="332"/>
        <source>No shift is open at till %1: nothing can be paid. Open the shift (Alt+O) with the float in the drawer.</source>
        <translation>На кассе %1 нет открытой смены: оплата невозможна. Откройте смену (Alt+O) с разменом в кассе.</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="343"/>
        <source>Weight of %1</source>
        <translation>Вес: %1</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="344"/>
        <source>%1 is sold by weight (%2 per kg). Type the weight in kg, or scan the scale&apos;s label:</source>
        <translation>%1 продаётся на вес (%2 за кг). Введите вес в кг или отсканируйте этикетку весов:</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="382"/>
        <source>Promo code %1: %2% off.</source>
        <translation>Промокод %1: скидка %2%.</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="383"/>
        <source>Promo code %1: %2 off.</source>
        <translation>Промокод %1: скидка %2.</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="394"/>
        <source>There is nothing on the till to park.</source>
        <translation>На кассе нечего откладывать.</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="413"/>
        <source>No sale is parked at this till.</source>
        <translation>На этой кассе нет отложенных продаж.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/checkout/CheckoutPage.cpp" line="593"/>
        <source>%Ln item(s), %1 off</source>
        <translation>
            <numerusform>%Ln позиция, скидка %1</numerusform>
            <numerusform>%Ln позиции, скидка %1</numerusform>
            <numerusform>%Ln позиций, скидка %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/checkout/CheckoutPage.cpp" line="594"/>
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln товар</numerusform>
            <numerusform>%Ln товара</numerusform>
            <numerusform>%Ln товаров</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="717"/>
        <source>The receipt of order %1 was not printed: %2 Press F7 to print it again.</source>
        <translation>Чек заказа %1 не напечатан: %2 Нажмите F7, чтобы напечатать его ещё раз.</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="743"/>
        <source>Void the sale</source>
        <translation>Аннулировать продажу</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/checkout/CheckoutPage.cpp" line="744"/>
        <source>Drop the %Ln line(s) on the till (%1)? The void is recorded for the manager.</source>
        <translation>
            <numerusform>Удалить %Ln строку с кассы (%1)? Аннулирование будет записано для менеджера.</numerusform>
            <numerusform>Удалить %Ln строки с кассы (%1)? Аннулирование будет записано для менеджера.</numerusform>
            <numerusform>Удалить %Ln строк с кассы (%1)? Аннулирование будет записано для менеджера.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="769"/>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="775"/>
        <source>The price changed since it was scanned; the order charges the new one: %1.</source>
        <translation>Цена изменилась после сканирования; в заказе новая цена: %1.</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="801"/>
        <source>Order %1 paid. Change: %2.</source>
        <translation>Заказ %1 оплачен. Сдача: %2.</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="802"/>
        <source>Order %1 paid.</source>
        <translation>Заказ %1 оплачен.</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="520"/>
        <source>No product is called &quot;%1&quot;.</source>
        <translation>Товара с названием «%1» нет.</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="562"/>
        <source>Choose the line whose price changes first.</source>
        <translation>Сначала выберите строку, цену которой нужно изменить.</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="654"/>
        <source>There is no sale to print a receipt for yet.</source>
        <translation>Продаж ещё не было — печатать чек не для чего.</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="667"/>
        <source>Print the receipt of order %1</source>
        <translation>Печать чека заказа %1</translation>
    </message>
    <message>
        <location filename="../ui/checkout/CheckoutPage.cpp" line="702"/>
        <source>Customer: %1 %2 (F8)</source>
        <translation>Клиент: %1 %2 (F8)</translation>
    </message>
</context>
<context>
    <name>shopdesk::CloseShiftDialog</name>
    <message>
        <location filename="../ui/shifts/CloseShiftDialog.cpp" line="23"/>
        <source>Count by &amp;notes and coins</source>
        <translation>Считать по &amp;купюрам и монетам</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CloseShiftDialog.cpp" line="27"/>
        <source>Close the shift at till %1 (Z report)</source>
        <translation>Закрытие смены на кассе %1 (Z-отчёт)</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CloseShiftDialog.cpp" line="34"/>
        <source>&amp;Cash counted in the drawer:</source>
        <translation>&amp;Наличных в кассе по пересчёту:</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CloseShiftDialog.cpp" line="45"/>
        <source>%1 ×</source>
        <translation>%1 ×</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CloseShiftDialog.cpp" line="63"/>
        <source>&amp;Close shift</source>
        <translation>&amp;Закрыть смену</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CloseShiftDialog.cpp" line="81"/>
        <source>Count the cash in the drawer, float included. The report then shows what was expected and whether the drawer is over or short.</source>
        <translation>Пересчитайте наличные в кассе вместе с разменом. Затем отчёт покажет, сколько ожидалось и есть ли излишек или недостача.</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CloseShiftDialog.cpp" line="107"/>
        <source>Type the cash counted, e.g. 15000 or 14999,50.</source>
        <translation>Введите пересчитанную сумму, например 15000 или 14999,50.</translation>
    </message>
    <message>
        <location filename="../ui/shifts/CloseShiftDialog.cpp" line="110"/>
        <source>Counted: %1</source>
        <translation>Пересчитано: %1</translation>
    </message>
</context>
<context>
    <name>shopdesk::ConnectionDialog</name>
    <message>
        <location filename="../ui/settings/ConnectionDialog.cpp" line="24"/>
        <source>&amp;Built-in database on this computer</source>
        <translation>&amp;Встроенная база данных на этом компьютере</translation>
    </message>
    <message>
        <location filename="../ui/settings/ConnectionDialog.cpp" line="25"/>
        <source>PostgreSQL &amp;server</source>
        <translation>&amp;Сервер PostgreSQL</translation>
    </message>
    <message>
        <location filename="../ui/settings/ConnectionDialog.cpp" line="33"/>
        <source>Database connection</source>
        <translation>Подключение к базе данных</translation>
    </message>
    <message>
        <location filename="../ui/settings/ConnectionDialog.cpp" line="43"/>
        <source>&amp;Host:</source>
        <translation>&amp;Хост:</translation>
    </message>
    <message>
        <location filename="../ui/settings/ConnectionDialog.cpp" line="44"/>
        <source>P&amp;ort:</source>
        <translation>&amp;Порт:</translation>
    </message>
    <message>
        <location filename="../ui/settings/ConnectionDialog.cpp" line="45"/>
        <source>&amp;Database:</source>
        <translation>&amp;База данных:</translation>
    </message>
    <message>
        <location filename="../ui/settings/ConnectionDialog.cpp" line="46"/>
        <source>&amp;User:</source>
        <translation>П&amp;ользователь:</translation>
    </message>
    <message>
        <location filename="../ui/settings/ConnectionDialog.cpp" line="47"/>
        <source>Pass&amp;word:</source>
        <translation>Паро&amp;ль:</translation>
    </message>
    <message>
        <location filename="../ui/settings/ConnectionDialog.cpp" line="50"/>
        <source>&amp;Test connection</source>
        <translation>П&amp;роверить подключение</translation>
    </message>
    <message>
        <location filename="../ui/settings/ConnectionDialog.cpp" line="110"/>
        <source>Enter the server&apos;s host name or address.</source>
        <translation>Введите имя или адрес сервера.</translation>
    </message>
    <message>
        <location filename="../ui/settings/ConnectionDialog.cpp" line="112"/>
        <source>Enter the name of the database.</source>
        <translation>Введите имя базы данных.</translation>
    </message>
    <message>
        <location filename="../ui/settings/ConnectionDialog.cpp" line="114"/>
        <source>Enter the user name to sign in to the server.</source>
        <translation>Введите имя пользователя для входа на сервер.</translation>
    </message>
    <message>
        <location filename="../ui/settings/ConnectionDialog.cpp" line="126"/>
        <source>Connecting to %1…</source>
        <translation>Подключение к %1…</translation>
    </message>
    <message>
        <location filename="../ui/settings/ConnectionDialog.cpp" line="131"/>
        <source>Connected to %1.</source>
        <translation>Подключено к %1.</translation>
    </message>
    <message>
        <location filename="../ui/settings/ConnectionDialog.cpp" line="135"/>
        <source>Cannot connect to %1: %2</source>
        <translation>Не удаётся подключиться к %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/settings/ConnectionDialog.cpp" line="155"/>
        <source>Cannot save the password: %1</source>
        <translation>Не удаётся сохранить пароль: %1</translation>
    </message>
</context>
<context>
    <name>shopdesk::CustomerDialog</name>
    <message>
        <location filename="../ui/customers/CustomerDialog.cpp" line="29"/>
        <source>This customer has &amp;problems</source>
        <translation>У клиента есть &amp;проблемы</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomerDialog.cpp" line="33"/>
        <source>Edit customer</source>
        <translation>Изменение клиента</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomerDialog.cpp" line="33"/>
        <source>New customer</source>
        <translation>Новый клиент</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomerDialog.cpp" line="43"/>
        <source>female</source>
        <translation>женский</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomerDialog.cpp" line="44"/>
        <source>male</source>
        <translation>мужской</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomerDialog.cpp" line="49"/>
        <source>&amp;First name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomerDialog.cpp" line="50"/>
        <source>&amp;Last name:</source>
        <translation>&amp;Фамилия:</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomerDialog.cpp" line="51"/>
        <source>&amp;Age:</source>
        <translation>&amp;Возраст:</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomerDialog.cpp" line="52"/>
        <source>&amp;Gender:</source>
        <translation>По&amp;л:</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomerDialog.cpp" line="54"/>
        <source>P&amp;hone:</source>
        <translation>&amp;Телефон:</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomerDialog.cpp" line="55"/>
        <source>&amp;E-mail:</source>
        <translation>&amp;Эл. почта:</translation>
    </message>
</context>
<context>
    <name>shopdesk::CustomerModel</name>
    <message>
        <location filename="../models/customers/CustomerModel.cpp" line="54"/>
        <source>Last name</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerModel.cpp" line="56"/>
        <source>First name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerModel.cpp" line="58"/>
        <source>Age</source>
        <translation>Возраст</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerModel.cpp" line="60"/>
        <source>Gender</source>
        <translation>Пол</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerModel.cpp" line="62"/>
        <source>Problems</source>
        <translation>Проблемы</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerModel.cpp" line="64"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerModel.cpp" line="66"/>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerModel.cpp" line="147"/>
        <source>female</source>
        <translation>женский</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerModel.cpp" line="147"/>
        <source>male</source>
        <translation>мужской</translation>
    </message>
    <message>
        <location filename="../models/customers/CustomerModel.cpp" line="149"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
</context>
<context>
    <name>shopdesk::CustomerPickerDialog</name>
    <message>
        <location filename="../ui/customers/CustomerPickerDialog.cpp" line="27"/>
        <source>Customer</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomerPickerDialog.cpp" line="29"/>
        <source>Name (any order), phone or e-mail</source>
        <translation>Имя (в любом порядке), телефон или e-mail</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomerPickerDialog.cpp" line="83"/>
        <source>No customer matches “%1”. Check the spelling, or try part of the name, the phone number or the e-mail.</source>
        <translation>Нет покупателя по запросу «%1». Проверьте написание или попробуйте часть имени, телефон или e-mail.</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomerPickerDialog.cpp" line="44"/>
        <source>&amp;Attach to the sale</source>
        <translation>&amp;Привязать к продаже</translation>
    </message>
</context>
<context>
    <name>shopdesk::CustomersPage</name>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="56"/>
        <source>Customers</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="59"/>
        <source>Search by name</source>
        <translation>Поиск по имени</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="64"/>
        <source>any</source>
        <translation>любой</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="70"/>
        <source>Anyone</source>
        <translation>Все</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="71"/>
        <source>Women</source>
        <translation>Женщины</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="72"/>
        <source>Men</source>
        <translation>Мужчины</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="74"/>
        <source>With or without problems</source>
        <translation>С проблемами и без</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="75"/>
        <source>With problems</source>
        <translation>С проблемами</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="76"/>
        <source>Without problems</source>
        <translation>Без проблем</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="80"/>
        <source>Age from</source>
        <translation>Возраст от</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="82"/>
        <source>to</source>
        <translation>до</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="88"/>
        <source>&amp;New…</source>
        <translation>&amp;Создать…</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="90"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="92"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Удалить…</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="94"/>
        <source>E&amp;xport CSV…</source>
        <translation>&amp;Экспорт CSV…</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="97"/>
        <source>&amp;Reset problems…</source>
        <translation>Сбросить &amp;проблемы…</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="99"/>
        <source>Re&amp;fresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="126"/>
        <source>No customers match these filters.</source>
        <translation>Нет клиентов, подходящих под эти фильтры.</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="245"/>
        <source>No customer has the problems flag; there is nothing to clear.</source>
        <translation>Ни у одного покупателя нет отметки о проблемах; снимать нечего.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/customers/CustomersPage.cpp" line="251"/>
        <source>Clear the problems flag of %Ln customer(s)?</source>
        <translation>
            <numerusform>Снять отметку о проблемах у %Ln покупателя?</numerusform>
            <numerusform>Снять отметку о проблемах у %Ln покупателей?</numerusform>
            <numerusform>Снять отметку о проблемах у %Ln покупателей?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/customers/CustomersPage.cpp" line="276"/>
        <source>%Ln customer(s) had problems; all cleared.</source>
        <translation>
            <numerusform>Проблемы были у %Ln клиента; все отметки сняты.</numerusform>
            <numerusform>Проблемы были у %Ln клиентов; все отметки сняты.</numerusform>
            <numerusform>Проблемы были у %Ln клиентов; все отметки сняты.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="195"/>
        <source>%1 %2 added.</source>
        <translation>Клиент %1 %2 добавлен.</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="205"/>
        <source>Select a customer first.</source>
        <translation>Сначала выберите клиента.</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="218"/>
        <source>Delete customer</source>
        <translation>Удаление клиента</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="219"/>
        <source>Delete %1 %2 for good?</source>
        <translation>Удалить клиента %1 %2 навсегда?</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="250"/>
        <source>Reset problems</source>
        <translation>Сброс проблем</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="261"/>
        <source>Clearing problem flags…</source>
        <translation>Снятие отметок о проблемах…</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="287"/>
        <source>Export customers</source>
        <translation>Экспорт клиентов</translation>
    </message>
    <message>
        <location filename="../ui/customers/CustomersPage.cpp" line="301"/>
        <source>Exporting customers…</source>
        <translation>Экспорт клиентов…</translation>
    </message>
</context>
<context>
    <name>shopdesk::FirstRunDialog</name>
    <message>
        <location filename="../ui/session/FirstRunDialog.cpp" line="30"/>
        <source>Set up ShopDesk</source>
        <translation>Настройка ShopDesk</translation>
    </message>
    <message>
        <location filename="../ui/session/FirstRunDialog.cpp" line="31"/>
        <source>&lt;b&gt;Welcome to ShopDesk.&lt;/b&gt;&lt;br&gt;Name your shop and create the administrator account. The administrator adds the other staff later.</source>
        <translation>&lt;b&gt;Добро пожаловать в ShopDesk.&lt;/b&gt;&lt;br&gt;Укажите название магазина и создайте учётную запись администратора. Остальных сотрудников администратор добавит позже.</translation>
    </message>
    <message>
        <location filename="../ui/session/FirstRunDialog.cpp" line="39"/>
        <source>A short code for head office, Latin letters and digits.</source>
        <translation>Короткий код для центрального офиса: латинские буквы и цифры.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/session/FirstRunDialog.cpp" line="47"/>
        <source>at least %Ln characters</source>
        <translation>
            <numerusform>не меньше %Ln символа</numerusform>
            <numerusform>не меньше %Ln символов</numerusform>
            <numerusform>не меньше %Ln символов</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/session/FirstRunDialog.cpp" line="50"/>
        <source>Shop &amp;name:</source>
        <translation>&amp;Название магазина:</translation>
    </message>
    <message>
        <location filename="../ui/session/FirstRunDialog.cpp" line="51"/>
        <source>Shop &amp;code:</source>
        <translation>&amp;Код магазина:</translation>
    </message>
    <message>
        <location filename="../ui/session/FirstRunDialog.cpp" line="52"/>
        <source>Administrator &amp;login:</source>
        <translation>&amp;Логин администратора:</translation>
    </message>
    <message>
        <location filename="../ui/session/FirstRunDialog.cpp" line="53"/>
        <source>Administrator&apos;s &amp;full name:</source>
        <translation>Полное &amp;имя администратора:</translation>
    </message>
    <message>
        <location filename="../ui/session/FirstRunDialog.cpp" line="54"/>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <location filename="../ui/session/FirstRunDialog.cpp" line="55"/>
        <source>&amp;Repeat password:</source>
        <translation>П&amp;овтор пароля:</translation>
    </message>
    <message>
        <location filename="../ui/session/FirstRunDialog.cpp" line="58"/>
        <source>&amp;Create and sign in</source>
        <translation>&amp;Создать и войти</translation>
    </message>
    <message>
        <location filename="../ui/session/FirstRunDialog.cpp" line="88"/>
        <source>The two passwords differ. Type the same password twice.</source>
        <translation>Пароли не совпадают. Введите один и тот же пароль дважды.</translation>
    </message>
</context>
<context>
    <name>shopdesk::GoodsReceiptDialog</name>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="48"/>
        <source>New s&amp;upplier…</source>
        <translation>Новый пост&amp;авщик…</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="57"/>
        <source>&amp;Remove lines</source>
        <translation>&amp;Удалить строки</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="58"/>
        <source>&amp;Save draft</source>
        <translation>&amp;Сохранить черновик</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="59"/>
        <source>&amp;Post…</source>
        <translation>&amp;Провести…</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="60"/>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="696"/>
        <source>&amp;Cancel the receipt…</source>
        <translation>&amp;Отменить поступление…</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="61"/>
        <source>Save as P&amp;DF…</source>
        <translation>Сохранить в P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="62"/>
        <source>Queue shelf la&amp;bels</source>
        <translation>В очередь &amp;ценников</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="65"/>
        <source>Goods receipt</source>
        <translation>Поступление товара</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="94"/>
        <source>&amp;dated</source>
        <translation>о&amp;т</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="99"/>
        <source>Supp&amp;lier:</source>
        <translation>&amp;Поставщик:</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="102"/>
        <source>&amp;Invoice No.:</source>
        <translation>&amp;Накладная №:</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="105"/>
        <source>N&amp;ote:</source>
        <translation>Приме&amp;чание:</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="114"/>
        <source>Scan a barcode, or type a PLU or a name; 3*code for three</source>
        <translation>Отсканируйте штрихкод или введите PLU или название; 3*код — три штуки</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="118"/>
        <source>&amp;Add goods:</source>
        <translation>&amp;Добавить товар:</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="123"/>
        <source>Import fro&amp;m file…</source>
        <translation>Из &amp;файла…</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="126"/>
        <source>Add the lines of the supplier&apos;s delivery note (CSV or XLSX with a PLU or barcode column and a quantity column)</source>
        <translation>Добавить строки накладной поставщика (CSV или XLSX со столбцом PLU или штрихкода и столбцом количества)</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="262"/>
        <source>No suppliers yet: add one</source>
        <translation>Поставщиков пока нет: добавьте</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="263"/>
        <source>Choose the supplier</source>
        <translation>Выберите поставщика</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="271"/>
        <source>New goods receipt</source>
        <translation>Новое поступление</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="273"/>
        <source>Goods receipt No. %1, cancelling No. %2</source>
        <translation>Поступление № %1, отменяет № %2</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="277"/>
        <source>Goods receipt No. %1</source>
        <translation>Поступление № %1</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="282"/>
        <source>Draft, started by %1</source>
        <translation>Черновик, начал(а) %1</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="286"/>
        <source>Posted %1 by %2</source>
        <translation>Проведено %1, %2</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="290"/>
        <source>Cancelled by receipt No. %1</source>
        <translation>Отменено поступлением № %1</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="291"/>
        <source>Discarded draft</source>
        <translation>Черновик отменён</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="343"/>
        <source>No product is called &quot;%1&quot;.</source>
        <translation>Товара с названием «%1» нет.</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="359"/>
        <source>No product has the barcode or PLU %1.</source>
        <translation>Нет товара со штрихкодом или PLU %1.</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="388"/>
        <source>Line %1 (%2) has no purchase price yet: type it in the table.</source>
        <translation>У строки %1 (%2) ещё нет закупочной цены: введите её в таблице.</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="404"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="479"/>
        <source>Draft No. %1 saved.</source>
        <translation>Черновик № %1 сохранён.</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="490"/>
        <source>Add the delivered goods before posting.</source>
        <translation>Добавьте поступившие товары перед проведением.</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="494"/>
        <source>Post the receipt</source>
        <translation>Проведение поступления</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="495"/>
        <source>Add %n line(s) worth %1 to the stock of %2? A posted receipt cannot be edited; it can only be cancelled by a reversing receipt.</source>
        <translation>
            <numerusform>Добавить %n строку на %1 в остатки магазина «%2»? Проведённое поступление нельзя изменить, только отменить сторнирующим.</numerusform>
            <numerusform>Добавить %n строки на %1 в остатки магазина «%2»? Проведённое поступление нельзя изменить, только отменить сторнирующим.</numerusform>
            <numerusform>Добавить %n строк на %1 в остатки магазина «%2»? Проведённое поступление нельзя изменить, только отменить сторнирующим.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="518"/>
        <source>Receipt No. %1 posted: %Ln line(s) added to the stock.</source>
        <translation>
            <numerusform>Поступление № %1 проведено: %Ln строка добавлена в остатки.</numerusform>
            <numerusform>Поступление № %1 проведено: %Ln строки добавлены в остатки.</numerusform>
            <numerusform>Поступление № %1 проведено: %Ln строк добавлено в остатки.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="534"/>
        <source>Cancel receipt No. %1? A reversing receipt takes its goods back off the shelf; it is refused if some have been sold since.</source>
        <translation>Отменить поступление № %1? Сторнирующее поступление снимет его товар с полки; это невозможно, если часть уже продана.</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="537"/>
        <source>Discard draft No. %1? Nothing has reached the stock; it stays in the list as discarded.</source>
        <translation>Отменить черновик № %1? На остатки он не попал; в списке он останется как отменённый.</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="540"/>
        <source>Cancel the receipt</source>
        <translation>Отмена поступления</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="540"/>
        <source>Discard the draft</source>
        <translation>Отмена черновика</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="553"/>
        <source>Receipt No. %1 cancelled by receipt No. %2.</source>
        <translation>Поступление № %1 отменено поступлением № %2.</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="556"/>
        <source>Draft No. %1 discarded.</source>
        <translation>Черновик № %1 отменён.</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="569"/>
        <source>Save the receipt as PDF</source>
        <translation>Сохранение поступления в PDF</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="571"/>
        <source>receipt-%1.pdf</source>
        <translation>поступление-%1.pdf</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="572"/>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="583"/>
        <source>Saved to %1.</source>
        <translation>Сохранено в %1.</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="600"/>
        <source>Import the delivery note</source>
        <translation>Загрузка накладной</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="601"/>
        <source>Delivery notes (*.csv *.xlsx *.txt)</source>
        <translation>Накладные (*.csv *.xlsx *.txt)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="623"/>
        <source>%Ln line(s) added; %1</source>
        <translation>
            <numerusform>Добавлена %Ln строка; %1</numerusform>
            <numerusform>Добавлены %Ln строки; %1</numerusform>
            <numerusform>Добавлено %Ln строк; %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="624"/>
        <source>%Ln row(s) left out:</source>
        <translation>
            <numerusform>%Ln строка пропущена:</numerusform>
            <numerusform>%Ln строки пропущены:</numerusform>
            <numerusform>%Ln строк пропущено:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="627"/>
        <source>%Ln line(s) added from the file.</source>
        <translation>
            <numerusform>Из файла добавлена %Ln строка.</numerusform>
            <numerusform>Из файла добавлены %Ln строки.</numerusform>
            <numerusform>Из файла добавлено %Ln строк.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="649"/>
        <source>%Ln shelf label(s) queued: print them from the label queue.</source>
        <translation>
            <numerusform>%Ln ценник добавлен в очередь: напечатайте его из очереди ценников.</numerusform>
            <numerusform>%Ln ценника добавлены в очередь: напечатайте их из очереди ценников.</numerusform>
            <numerusform>%Ln ценников добавлено в очередь: напечатайте их из очереди ценников.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="696"/>
        <source>Discard dra&amp;ft…</source>
        <translation>&amp;Отменить черновик…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptDialog.cpp" line="707"/>
        <source>%Ln line(s), total %1</source>
        <translation>
            <numerusform>%Ln строка, итого %1</numerusform>
            <numerusform>%Ln строки, итого %1</numerusform>
            <numerusform>%Ln строк, итого %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::GoodsReceiptsDialog</name>
    <message>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="39"/>
        <source>Goods receipts — %1</source>
        <translation>Поступления — %1</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="42"/>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="42"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="42"/>
        <source>Supplier</source>
        <translation>Поставщик</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="42"/>
        <source>Invoice</source>
        <translation>Накладная</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="42"/>
        <source>Lines</source>
        <translation>Строки</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="43"/>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="43"/>
        <source>Created</source>
        <translation>Создан</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="43"/>
        <source>Posted</source>
        <translation>Проведён</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="52"/>
        <source>&amp;New…</source>
        <translation>&amp;Создать…</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="59"/>
        <source>&amp;Open…</source>
        <translation>&amp;Открыть…</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="63"/>
        <source>&amp;Import price list…</source>
        <translation>&amp;Импорт прайс-листа…</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="93"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="117"/>
        <source>cancels No. %1</source>
        <translation>отменяет № %1</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="119"/>
        <source>cancelled by No. %1</source>
        <translation>отменено № %1</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="125"/>
        <source>%1 of %2</source>
        <translation>%1 от %2</translation>
    </message>
    <message>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="134"/>
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="137"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="149"/>
        <source>%Ln receipt(s)</source>
        <translation>
            <numerusform>%Ln поступление</numerusform>
            <numerusform>%Ln поступления</numerusform>
            <numerusform>%Ln поступлений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/GoodsReceiptsDialog.cpp" line="150"/>
        <source>, %Ln draft(s) to finish</source>
        <translation>
            <numerusform>, %Ln черновик не проведён</numerusform>
            <numerusform>, %Ln черновика не проведены</numerusform>
            <numerusform>, %Ln черновиков не проведены</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::HistoryDetailPane</name>
    <message>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="24"/>
        <source>Select a row to see it in full.</source>
        <translation>Выберите строку, чтобы увидеть её полностью.</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="26"/>
        <source>Show &amp;product in Stock</source>
        <translation>Показать &amp;товар в остатках</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="27"/>
        <source>Show &amp;order</source>
        <translation>Показать &amp;заказ</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="36"/>
        <source>When:</source>
        <translation>Когда:</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="36"/>
        <source>Shop:</source>
        <translation>Магазин:</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="36"/>
        <source>Product:</source>
        <translation>Товар:</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="36"/>
        <source>Action:</source>
        <translation>Действие:</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="37"/>
        <source>Shelf:</source>
        <translation>На полке:</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="37"/>
        <source>In orders:</source>
        <translation>В заказах:</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="37"/>
        <source>By:</source>
        <translation>Кто:</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="37"/>
        <source>Approved by:</source>
        <translation>Подтвердил:</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="38"/>
        <source>Order:</source>
        <translation>Заказ:</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="38"/>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="78"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="89"/>
        <source>(system)</source>
        <translation>(система)</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="90"/>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="91"/>
        <location filename="../ui/history/HistoryDetailPane.cpp" line="92"/>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>shopdesk::HistoryFilterBar</name>
    <message>
        <location filename="../ui/history/HistoryFilterBar.cpp" line="43"/>
        <source>All shops</source>
        <translation>Все магазины</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryFilterBar.cpp" line="45"/>
        <source>exact PLU</source>
        <translation>точный PLU</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryFilterBar.cpp" line="50"/>
        <source>Anyone</source>
        <translation>Все</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryFilterBar.cpp" line="68"/>
        <source>C&amp;lear filters</source>
        <translation>Сбросить &amp;фильтры</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryFilterBar.cpp" line="71"/>
        <source>S&amp;hop:</source>
        <translation>&amp;Магазин:</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryFilterBar.cpp" line="73"/>
        <source>P&amp;LU:</source>
        <translation>P&amp;LU:</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryFilterBar.cpp" line="75"/>
        <source>&amp;From</source>
        <translation>&amp;С</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryFilterBar.cpp" line="77"/>
        <source>&amp;to</source>
        <translation>&amp;по</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryFilterBar.cpp" line="79"/>
        <source>&amp;Action:</source>
        <translation>&amp;Действие:</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryFilterBar.cpp" line="81"/>
        <source>Sta&amp;ff:</source>
        <translation>Со&amp;трудник:</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryFilterBar.cpp" line="105"/>
        <source>any</source>
        <translation>любой</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryFilterBar.cpp" line="225"/>
        <source>All actions</source>
        <translation>Все действия</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/history/HistoryFilterBar.cpp" line="228"/>
        <source>%Ln action(s)</source>
        <translation>
            <numerusform>%Ln действие</numerusform>
            <numerusform>%Ln действия</numerusform>
            <numerusform>%Ln действий</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::HistoryModel</name>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="42"/>
        <source>Product created</source>
        <translation>Товар создан</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="43"/>
        <source>Product changed</source>
        <translation>Товар изменён</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="44"/>
        <source>Stock created</source>
        <translation>Остаток создан</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="45"/>
        <source>Increased</source>
        <translation>Увеличение</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="46"/>
        <source>Decreased</source>
        <translation>Уменьшение</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="47"/>
        <source>Reserved</source>
        <translation>Резерв</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="48"/>
        <source>Released</source>
        <translation>Снятие резерва</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="49"/>
        <source>Sold</source>
        <translation>Продажа</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="50"/>
        <source>Returned</source>
        <translation>Возврат</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="51"/>
        <source>Stocktake</source>
        <translation>Инвентаризация</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="52"/>
        <source>Received</source>
        <translation>Поступление</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="53"/>
        <source>Receipt cancelled</source>
        <translation>Отмена поступления</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="54"/>
        <source>Written off</source>
        <translation>Списано</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="108"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="110"/>
        <source>Shop</source>
        <translation>Магазин</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="112"/>
        <source>PLU</source>
        <translation>PLU</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="114"/>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="116"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="118"/>
        <source>± shelf</source>
        <translation>± полка</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="120"/>
        <source>On shelf</source>
        <translation>На полке</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="122"/>
        <source>± orders</source>
        <translation>± заказы</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="124"/>
        <source>In orders</source>
        <translation>В заказах</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="126"/>
        <source>Staff</source>
        <translation>Сотрудник</translation>
    </message>
    <message>
        <location filename="../models/history/HistoryModel.cpp" line="128"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
</context>
<context>
    <name>shopdesk::HistoryPage</name>
    <message>
        <location filename="../ui/history/HistoryPage.cpp" line="39"/>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryPage.cpp" line="44"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryPage.cpp" line="48"/>
        <source>E&amp;xport CSV…</source>
        <translation>&amp;Экспорт CSV…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/history/HistoryPage.cpp" line="55"/>
        <source>%Ln row(s) a page</source>
        <translation>
            <numerusform>%Ln строка на странице</numerusform>
            <numerusform>%Ln строки на странице</numerusform>
            <numerusform>%Ln строк на странице</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryPage.cpp" line="159"/>
        <source>Your role cannot view the history; ask a manager.</source>
        <translation>Ваша роль не позволяет просматривать историю; обратитесь к менеджеру.</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryPage.cpp" line="209"/>
        <source>Export history</source>
        <translation>Экспорт истории</translation>
    </message>
    <message>
        <location filename="../ui/history/HistoryPage.cpp" line="229"/>
        <source>Exporting history…</source>
        <translation>Экспорт истории…</translation>
    </message>
</context>
<context>
    <name>shopdesk::LabelPrintDialog</name>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="38"/>
        <source> mm</source>
        <translation> мм</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="48"/>
        <source>A&amp;4 sheets</source>
        <translation>Листы A&amp;4</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="49"/>
        <source>Label &amp;roll (one label per page)</source>
        <translation>&amp;Рулон этикеток (одна этикетка на страницу)</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="56"/>
        <source>&amp;Printer</source>
        <translation>&amp;Принтер</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="57"/>
        <source>PDF &amp;file</source>
        <translation>PDF-&amp;файл</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="60"/>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="232"/>
        <source>Print shelf labels</source>
        <translation>Печать ценников</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="74"/>
        <source>&amp;Columns:</source>
        <translation>&amp;Столбцы:</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="75"/>
        <source>Ro&amp;ws:</source>
        <translation>Стро&amp;ки:</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="76"/>
        <source>&amp;Margin:</source>
        <translation>По&amp;ле:</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="77"/>
        <source>&amp;Gap:</source>
        <translation>Про&amp;межуток:</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="80"/>
        <source>Label wi&amp;dth:</source>
        <translation>Ш&amp;ирина этикетки:</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="81"/>
        <source>Label &amp;height:</source>
        <translation>&amp;Высота этикетки:</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="83"/>
        <source>Print to</source>
        <translation>Куда печатать</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="90"/>
        <source>&amp;Print…</source>
        <translation>П&amp;ечать…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="168"/>
        <source>%Ln label(s)</source>
        <translation>
            <numerusform>%Ln этикетка</numerusform>
            <numerusform>%Ln этикетки</numerusform>
            <numerusform>%Ln этикеток</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="169"/>
        <source>%Ln page(s)</source>
        <translation>
            <numerusform>%Ln страница</numerusform>
            <numerusform>%Ln страницы</numerusform>
            <numerusform>%Ln страниц</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="183"/>
        <source>There are no labels to print.</source>
        <translation>Нет этикеток для печати.</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="195"/>
        <source>Save the labels as PDF</source>
        <translation>Сохранить ценники в PDF</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="198"/>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="208"/>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="225"/>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="216"/>
        <source>Shelf labels</source>
        <translation>Ценники</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="247"/>
        <source>Printing shelf labels…</source>
        <translation>Печать ценников…</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelPrintDialog.cpp" line="247"/>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
</context>
<context>
    <name>shopdesk::LabelQueueDialog</name>
    <message>
        <location filename="../ui/labels/LabelQueueDialog.cpp" line="38"/>
        <source>Label queue</source>
        <translation>Очередь ценников</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelQueueDialog.cpp" line="39"/>
        <source>Label queue — %1</source>
        <translation>Очередь ценников — %1</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelQueueDialog.cpp" line="44"/>
        <source>PLU</source>
        <translation>PLU</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelQueueDialog.cpp" line="44"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelQueueDialog.cpp" line="44"/>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelQueueDialog.cpp" line="44"/>
        <source>From</source>
        <translation>Действует с</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelQueueDialog.cpp" line="44"/>
        <source>Why</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelQueueDialog.cpp" line="44"/>
        <source>Queued</source>
        <translation>В очереди с</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelQueueDialog.cpp" line="54"/>
        <source>&amp;Print…</source>
        <translation>П&amp;ечать…</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelQueueDialog.cpp" line="72"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelQueueDialog.cpp" line="97"/>
        <source>%1/kg</source>
        <translation>%1/кг</translation>
    </message>
    <message>
        <location filename="../ui/labels/LabelQueueDialog.cpp" line="101"/>
        <source>now</source>
        <translation>сейчас</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/labels/LabelQueueDialog.cpp" line="107"/>
        <source>%Ln label(s) waiting</source>
        <translation>
            <numerusform>%Ln этикетка ждёт печати</numerusform>
            <numerusform>%Ln этикетки ждут печати</numerusform>
            <numerusform>%Ln этикеток ждут печати</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/labels/LabelQueueDialog.cpp" line="143"/>
        <source>%Ln label(s) printed and taken off the queue.</source>
        <translation>
            <numerusform>%Ln этикетка напечатана и убрана из очереди.</numerusform>
            <numerusform>%Ln этикетки напечатаны и убраны из очереди.</numerusform>
            <numerusform>%Ln этикеток напечатаны и убраны из очереди.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::ListPager</name>
    <message>
        <location filename="../ui/common/ListPager.cpp" line="25"/>
        <source>First</source>
        <translation>В начало</translation>
    </message>
    <message>
        <location filename="../ui/common/ListPager.cpp" line="26"/>
        <source>Previous</source>
        <translation>Назад</translation>
    </message>
    <message>
        <location filename="../ui/common/ListPager.cpp" line="27"/>
        <source>Next</source>
        <translation>Далее</translation>
    </message>
    <message>
        <location filename="../ui/common/ListPager.cpp" line="29"/>
        <source>No rows match these filters.</source>
        <translation>Нет строк, подходящих под эти фильтры.</translation>
    </message>
    <message>
        <location filename="../ui/common/ListPager.cpp" line="44"/>
        <source>First page</source>
        <translation>Первая страница</translation>
    </message>
    <message>
        <location filename="../ui/common/ListPager.cpp" line="45"/>
        <source>Previous page</source>
        <translation>Предыдущая страница</translation>
    </message>
    <message>
        <location filename="../ui/common/ListPager.cpp" line="46"/>
        <source>Next page</source>
        <translation>Следующая страница</translation>
    </message>
    <message>
        <location filename="../ui/common/ListPager.cpp" line="219"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../ui/common/ListPager.cpp" line="226"/>
        <source>Rows %1–%2 of %3</source>
        <translation>Строки %1–%2 из %3</translation>
    </message>
    <message>
        <location filename="../ui/common/ListPager.cpp" line="229"/>
        <source>Rows %1–%2 of more than %3</source>
        <translation>Строки %1–%2 из более чем %3</translation>
    </message>
    <message>
        <location filename="../ui/common/ListPager.cpp" line="232"/>
        <source>Rows %1–%2 of %3 or more</source>
        <translation>Строки %1–%2 из %3 или больше</translation>
    </message>
    <message>
        <location filename="../ui/common/ListPager.cpp" line="235"/>
        <source>Rows %1–%2, counting…</source>
        <translation>Строки %1–%2, идёт подсчёт…</translation>
    </message>
    <message>
        <location filename="../ui/common/ListPager.cpp" line="239"/>
        <source>(loading more…)</source>
        <translation>(загружаются ещё…)</translation>
    </message>
</context>
<context>
    <name>shopdesk::LockScreen</name>
    <message>
        <location filename="../ui/session/LockScreen.cpp" line="25"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Разблокировать</translation>
    </message>
    <message>
        <location filename="../ui/session/LockScreen.cpp" line="51"/>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <location filename="../ui/session/LockScreen.cpp" line="52"/>
        <source>&amp;Password or PIN:</source>
        <translation>&amp;Пароль или PIN:</translation>
    </message>
    <message>
        <location filename="../ui/session/LockScreen.cpp" line="74"/>
        <source>Who takes over the till?</source>
        <translation>Кто продолжит работу на кассе?</translation>
    </message>
    <message>
        <location filename="../ui/session/LockScreen.cpp" line="75"/>
        <source>Locked by %1</source>
        <translation>Заблокировал(а): %1</translation>
    </message>
    <message>
        <location filename="../ui/session/LockScreen.cpp" line="76"/>
        <source>The open sale stays as it is.</source>
        <translation>Открытая продажа останется как есть.</translation>
    </message>
    <message>
        <location filename="../ui/session/LockScreen.cpp" line="77"/>
        <source>Sign in again, or as someone else to take over.</source>
        <translation>Войдите снова или под другим пользователем, чтобы продолжить работу вместо него.</translation>
    </message>
    <message>
        <location filename="../ui/session/LockScreen.cpp" line="110"/>
        <source>Type your login and your password or PIN.</source>
        <translation>Введите логин и пароль или PIN.</translation>
    </message>
</context>
<context>
    <name>shopdesk::LoginDialog</name>
    <message>
        <location filename="../ui/session/LoginDialog.cpp" line="26"/>
        <source>Sign in to ShopDesk</source>
        <translation>Вход в ShopDesk</translation>
    </message>
    <message>
        <location filename="../ui/session/LoginDialog.cpp" line="30"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Sign in to start your shift.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Войдите, чтобы начать смену.</translation>
    </message>
    <message>
        <location filename="../ui/session/LoginDialog.cpp" line="33"/>
        <source>e.g. cashier</source>
        <translation>например, cashier</translation>
    </message>
    <message>
        <location filename="../ui/session/LoginDialog.cpp" line="40"/>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <location filename="../ui/session/LoginDialog.cpp" line="41"/>
        <source>&amp;Password or PIN:</source>
        <translation>&amp;Пароль или PIN:</translation>
    </message>
    <message>
        <location filename="../ui/session/LoginDialog.cpp" line="44"/>
        <location filename="../ui/session/LoginDialog.cpp" line="73"/>
        <source>&amp;Sign in</source>
        <translation>&amp;Войти</translation>
    </message>
    <message>
        <location filename="../ui/session/LoginDialog.cpp" line="47"/>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <location filename="../ui/session/LoginDialog.cpp" line="73"/>
        <source>Signing in…</source>
        <translation>Вход…</translation>
    </message>
    <message>
        <location filename="../ui/session/LoginDialog.cpp" line="80"/>
        <source>Enter your login.</source>
        <translation>Введите логин.</translation>
    </message>
    <message>
        <location filename="../ui/session/LoginDialog.cpp" line="85"/>
        <source>Enter your password or PIN.</source>
        <translation>Введите пароль или PIN-код.</translation>
    </message>
</context>
<context>
    <name>shopdesk::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="69"/>
        <source>Checkout</source>
        <translation>Касса</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="71"/>
        <source>Stock</source>
        <translation>Остатки</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="73"/>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="74"/>
        <source>Customers</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="76"/>
        <source>Orders</source>
        <translation>Заказы</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="87"/>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="98"/>
        <source>Sync</source>
        <translation>Синхронизация</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="101"/>
        <source>Staff</source>
        <translation>Сотрудники</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="103"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="182"/>
        <location filename="../ui/MainWindow.cpp" line="490"/>
        <source>Head office</source>
        <translation>Головной офис</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="202"/>
        <source>Shop:</source>
        <translation>Магазин:</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="207"/>
        <source>Choose the shop</source>
        <translation>Выбрать магазин</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="217"/>
        <source>The shop whose stock, orders and figures the pages show first (%1). The catalog and promotions are the whole chain&apos;s.</source>
        <translation>Магазин, чьи остатки, заказы и показатели страницы показывают первыми (%1). Каталог и акции — общие для всей сети.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="322"/>
        <source>Finishing the payment under way…</source>
        <translation>Завершается текущая оплата…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="393"/>
        <source>Central: not set up</source>
        <translation>Центральный сервер: не настроен</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="394"/>
        <source>This shop does not sync; set central up on the Sync page.</source>
        <translation>Этот магазин не синхронизируется; настройте центральный сервер на странице «Синхронизация».</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="397"/>
        <source>syncing</source>
        <translation>синхронизация</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="398"/>
        <source>online</source>
        <translation>в сети</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="399"/>
        <source>offline</source>
        <translation>не в сети</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="400"/>
        <source>Central: %1 · %Ln unsent</source>
        <translation>
            <numerusform>Центральный сервер: %1 · не отправлено: %Ln</numerusform>
            <numerusform>Центральный сервер: %1 · не отправлено: %Ln</numerusform>
            <numerusform>Центральный сервер: %1 · не отправлено: %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MainWindow.cpp" line="402"/>
        <source> · %Ln refused</source>
        <translation>
            <numerusform> · %Ln отклонено</numerusform>
            <numerusform> · %Ln отклонено</numerusform>
            <numerusform> · %Ln отклонено</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="405"/>
        <source> · synced %1</source>
        <translation> · синхронизировано %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="408"/>
        <source>The last sync went well.</source>
        <translation>Последняя синхронизация прошла успешно.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="409"/>
        <source>Last error: %1</source>
        <translation>Последняя ошибка: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="422"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="424"/>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="429"/>
        <source>&amp;Lock the till</source>
        <translation>&amp;Заблокировать кассу</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="433"/>
        <source>&amp;Switch user…</source>
        <translation>&amp;Сменить пользователя…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="439"/>
        <source>&amp;Go</source>
        <translation>&amp;Переход</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="455"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="456"/>
        <source>&amp;About ShopDesk</source>
        <translation>&amp;О программе ShopDesk</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="460"/>
        <source>About &amp;Qt</source>
        <translation>О &amp;Qt</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="485"/>
        <source>Database: built-in</source>
        <translation>База данных: встроенная</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="486"/>
        <source>Database: %1</source>
        <translation>База данных: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="490"/>
        <source>Shop: %1</source>
        <translation>Магазин: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="492"/>
        <source>Signed in: %1 (%2)</source>
        <translation>Вход выполнен: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="494"/>
        <source>ShopDesk — head office — %1</source>
        <translation>ShopDesk — головной офис — %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="495"/>
        <source>ShopDesk — %1</source>
        <translation>ShopDesk — %1</translation>
    </message>
</context>
<context>
    <name>shopdesk::ManagerApprovalDialog</name>
    <message>
        <location filename="../ui/common/ManagerApprovalDialog.cpp" line="25"/>
        <source>A manager approves</source>
        <translation>Подтверждение менеджера</translation>
    </message>
    <message>
        <location filename="../ui/common/ManagerApprovalDialog.cpp" line="34"/>
        <source>the manager&apos;s password or PIN</source>
        <translation>пароль или PIN менеджера</translation>
    </message>
    <message>
        <location filename="../ui/common/ManagerApprovalDialog.cpp" line="36"/>
        <source>Manager&apos;s &amp;login:</source>
        <translation>&amp;Логин менеджера:</translation>
    </message>
    <message>
        <location filename="../ui/common/ManagerApprovalDialog.cpp" line="37"/>
        <source>Password or &amp;PIN:</source>
        <translation>Пароль или &amp;PIN:</translation>
    </message>
    <message>
        <location filename="../ui/common/ManagerApprovalDialog.cpp" line="39"/>
        <source>&amp;Approve</source>
        <translation>&amp;Подтвердить</translation>
    </message>
    <message>
        <location filename="../ui/common/ManagerApprovalDialog.cpp" line="59"/>
        <source>A manager types their login and password or PIN to approve.</source>
        <translation>Менеджер вводит свой логин и пароль или PIN, чтобы подтвердить.</translation>
    </message>
</context>
<context>
    <name>shopdesk::MessageBanner</name>
    <message>
        <location filename="../ui/common/MessageBanner.cpp" line="24"/>
        <source>Dismiss</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>shopdesk::OpenShiftDialog</name>
    <message>
        <location filename="../ui/shifts/OpenShiftDialog.cpp" line="18"/>
        <source>Open the shift at till %1</source>
        <translation>Открытие смены на кассе %1</translation>
    </message>
    <message>
        <location filename="../ui/shifts/OpenShiftDialog.cpp" line="24"/>
        <source>&amp;Cash in the drawer (the float):</source>
        <translation>&amp;Наличные в кассе (размен):</translation>
    </message>
    <message>
        <location filename="../ui/shifts/OpenShiftDialog.cpp" line="27"/>
        <source>&amp;Open shift</source>
        <translation>&amp;Открыть смену</translation>
    </message>
    <message>
        <location filename="../ui/shifts/OpenShiftDialog.cpp" line="36"/>
        <source>Count the cash you put in the drawer to give change from.</source>
        <translation>Пересчитайте наличные, которые кладёте в кассу для сдачи.</translation>
    </message>
    <message>
        <location filename="../ui/shifts/OpenShiftDialog.cpp" line="53"/>
        <source>Type the float as an amount, e.g. 5000 or 4999,50.</source>
        <translation>Введите размен суммой, например 5000 или 4999,50.</translation>
    </message>
    <message>
        <location filename="../ui/shifts/OpenShiftDialog.cpp" line="55"/>
        <source>The float cannot be negative.</source>
        <translation>Размен не может быть отрицательным.</translation>
    </message>
</context>
<context>
    <name>shopdesk::OrdersPage</name>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="66"/>
        <source>&amp;Cancel order…</source>
        <translation>&amp;Отменить заказ…</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="68"/>
        <source>&amp;Return items…</source>
        <translation>&amp;Вернуть товары…</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="70"/>
        <source>&amp;Print receipt…</source>
        <translation>&amp;Печать чека…</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="64"/>
        <source>Orders</source>
        <translation>Заказы</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="92"/>
        <source>Any status</source>
        <translation>Любой статус</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="99"/>
        <source>any</source>
        <translation>любой</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="103"/>
        <source>Any cashier</source>
        <translation>Любой кассир</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="106"/>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="106"/>
        <source>Created</source>
        <translation>Создан</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="106"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="106"/>
        <source>Cashier</source>
        <translation>Кассир</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="106"/>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="106"/>
        <source>Paid by</source>
        <translation>Оплата</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="126"/>
        <source>S&amp;tatus:</source>
        <translation>Ста&amp;тус:</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="128"/>
        <source>&amp;From</source>
        <translation>&amp;С</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="130"/>
        <source>t&amp;o</source>
        <translation>&amp;по</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="132"/>
        <source>C&amp;ashier:</source>
        <translation>&amp;Кассир:</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="147"/>
        <source>Shift at this till</source>
        <translation>Смена на этой кассе</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="80"/>
        <source>Re&amp;fresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="72"/>
        <source>&amp;Voided sales…</source>
        <translation>Анн&amp;улированные продажи…</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="74"/>
        <source>Pro&amp;mo codes…</source>
        <translation>Про&amp;мокоды…</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="118"/>
        <source>Order number, or scan the receipt</source>
        <translation>Номер заказа или скан чека</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="124"/>
        <source>Fin&amp;d:</source>
        <translation>&amp;Найти:</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="139"/>
        <source>No orders match these filters.</source>
        <translation>Нет заказов, подходящих под эти фильтры.</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="163"/>
        <source>%1 was not printed: %2</source>
        <translation>%1 — не напечатано: %2</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="315"/>
        <source>There is no order %1.</source>
        <translation>Заказа %1 нет.</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="331"/>
        <source>Select an order to see its lines.</source>
        <translation>Выберите заказ, чтобы увидеть его строки.</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="338"/>
        <source>Order %1 — %2</source>
        <translation>Заказ %1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="340"/>
        <source>Why it failed: %1</source>
        <translation>Причина сбоя: %1</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="348"/>
        <source>  VAT %1: %2</source>
        <translation>  НДС %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="351"/>
        <source>  (%1 returned)</source>
        <translation>  (возвращено: %1)</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="356"/>
        <source>Discount: %1</source>
        <translation>Скидка: %1</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="357"/>
        <source>Total: %1</source>
        <translation>Итого: %1</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="360"/>
        <source>Paid: %1 in cash, %2 by card</source>
        <translation>Оплачено: %1 наличными, %2 картой</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="363"/>
        <source>Stock is held until %1.</source>
        <translation>Товар зарезервирован до %1.</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="378"/>
        <source>Cancel the order</source>
        <translation>Отмена заказа</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="379"/>
        <source>Cancel order %1 and put its items back on the shelf?</source>
        <translation>Отменить заказ %1 и вернуть его товары на полку?</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="381"/>
        <source>cancelled on the Orders page</source>
        <translation>отменён на странице «Заказы»</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="388"/>
        <source>Order %1 cancelled; its items are back on the shelf.</source>
        <translation>Заказ %1 отменён; его товары вернулись на полку.</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="404"/>
        <source>Items of order %1 taken back: refund %2 to the card.</source>
        <translation>Товары заказа %1 приняты обратно: верните %2 на карту.</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="406"/>
        <source>Items of order %1 taken back: pay back %2 in cash.</source>
        <translation>Товары заказа %1 приняты обратно: выдайте %2 наличными.</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="422"/>
        <source>Return %1</source>
        <translation>Возврат %1</translation>
    </message>
    <message>
        <location filename="../ui/orders/OrdersPage.cpp" line="428"/>
        <source>Print the return receipt of order %1</source>
        <translation>Печать чека возврата по заказу %1</translation>
    </message>
</context>
<context>
    <name>shopdesk::ParkedSalesDialog</name>
    <message>
        <location filename="../ui/checkout/ParkedSalesDialog.cpp" line="19"/>
        <source>Recall a parked sale</source>
        <translation>Вернуть отложенную продажу</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/checkout/ParkedSalesDialog.cpp" line="22"/>
        <source>%1 · %2 · %Ln item(s) · %3</source>
        <translation>
            <numerusform>%1 · %2 · %Ln товар · %3</numerusform>
            <numerusform>%1 · %2 · %Ln товара · %3</numerusform>
            <numerusform>%1 · %2 · %Ln товаров · %3</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/checkout/ParkedSalesDialog.cpp" line="33"/>
        <source>&amp;Recall</source>
        <translation>&amp;Вернуть</translation>
    </message>
</context>
<context>
    <name>shopdesk::PaymentDialog</name>
    <message>
        <location filename="../ui/checkout/PaymentDialog.cpp" line="30"/>
        <source>Card and cash</source>
        <translation>Карта и наличные</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PaymentDialog.cpp" line="30"/>
        <source>Cash</source>
        <translation>Наличные</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PaymentDialog.cpp" line="51"/>
        <source>Total:</source>
        <translation>Итого:</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PaymentDialog.cpp" line="53"/>
        <source>On the &amp;card:</source>
        <translation>На &amp;карту:</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PaymentDialog.cpp" line="56"/>
        <source>Cash &amp;handed over:</source>
        <translation>&amp;Получено наличными:</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PaymentDialog.cpp" line="58"/>
        <source>Change:</source>
        <translation>Сдача:</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PaymentDialog.cpp" line="63"/>
        <source>&amp;Paid (Enter)</source>
        <translation>&amp;Оплачено (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PaymentDialog.cpp" line="66"/>
        <source>&amp;Back (Esc)</source>
        <translation>&amp;Назад (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PaymentDialog.cpp" line="134"/>
        <source>Exact %1</source>
        <translation>Без сдачи %1</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PaymentDialog.cpp" line="158"/>
        <source>The card part must be more than 0 and less than %1.</source>
        <translation>Сумма по карте должна быть больше 0 и меньше %1.</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PaymentDialog.cpp" line="170"/>
        <source>Type the amount handed over, e.g. 1000 or 999,50.</source>
        <translation>Введите полученную сумму, например 1000 или 999,50.</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PaymentDialog.cpp" line="172"/>
        <source>%1 more is needed.</source>
        <translation>Не хватает %1.</translation>
    </message>
</context>
<context>
    <name>shopdesk::PriceDocumentDialog</name>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="59"/>
        <source>End in .&amp;99</source>
        <translation>Окончание ,&amp;99</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="61"/>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="555"/>
        <source>&amp;Add</source>
        <translation>&amp;Добавить</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="65"/>
        <source>&amp;Remove lines</source>
        <translation>&amp;Удалить строки</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="66"/>
        <source>&amp;Post…</source>
        <translation>&amp;Провести…</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="67"/>
        <source>Cancel the &amp;document…</source>
        <translation>Отменить &amp;документ…</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="71"/>
        <source>Price change</source>
        <translation>Переоценка</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="82"/>
        <source>for example: new supplier prices</source>
        <translation>например: новые цены поставщика</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="84"/>
        <source>when posted</source>
        <translation>при проведении</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="85"/>
        <source>from a later moment</source>
        <translation>с более позднего момента</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="99"/>
        <source>&amp;Reason:</source>
        <translation>&amp;Причина:</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="100"/>
        <source>Prices &amp;start:</source>
        <translation>Цены &amp;действуют:</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="106"/>
        <source>PLUs</source>
        <translation>PLU</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="107"/>
        <source>Name contains</source>
        <translation>Название содержит</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="108"/>
        <source>All products</source>
        <translation>Все товары</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="109"/>
        <source>A category (with its subcategories)</source>
        <translation>Категория (с подкатегориями)</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="117"/>
        <source>Set the price to</source>
        <translation>Установить цену</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="118"/>
        <source>Change by</source>
        <translation>Изменить на</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="122"/>
        <source>to the kopeck</source>
        <translation>до копейки</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="123"/>
        <source>to 10 kopecks</source>
        <translation>до 10 копеек</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="124"/>
        <source>to the ruble</source>
        <translation>до рубля</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="125"/>
        <source>to 10 rubles</source>
        <translation>до 10 рублей</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="127"/>
        <source>nearest</source>
        <translation>ближайшее</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="128"/>
        <source>up</source>
        <translation>вверх</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="129"/>
        <source>down</source>
        <translation>вниз</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="140"/>
        <source>Pro&amp;ducts:</source>
        <translation>&amp;Товары:</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="147"/>
        <source>Pri&amp;ce:</source>
        <translation>&amp;Цена:</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="152"/>
        <source>rounded</source>
        <translation>округлить</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="158"/>
        <source>Add products</source>
        <translation>Добавить товары</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="183"/>
        <source>Changes every price of the document at once (%1)</source>
        <translation>Меняет все цены документа сразу (%1)</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="186"/>
        <source>Takes the selected lines off the draft (%1)</source>
        <translation>Убирает выбранные строки из черновика (%1)</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="219"/>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="223"/>
        <source>PLUs, separated by spaces or commas</source>
        <translation>PLU через пробел или запятую</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="220"/>
        <source>a part of the name</source>
        <translation>часть названия</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="236"/>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="286"/>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="533"/>
        <source>%Ln product(s)</source>
        <translation>
            <numerusform>%Ln товар</numerusform>
            <numerusform>%Ln товара</numerusform>
            <numerusform>%Ln товаров</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="267"/>
        <source>New price change</source>
        <translation>Новая переоценка</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="269"/>
        <source>Price change No. %1 — posted %2 by %3; %Ln price(s) changed</source>
        <translation>
            <numerusform>Переоценка № %1 — проведена %2, %3; изменена %Ln цена</numerusform>
            <numerusform>Переоценка № %1 — проведена %2, %3; изменены %Ln цены</numerusform>
            <numerusform>Переоценка № %1 — проведена %2, %3; изменено %Ln цен</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="274"/>
        <source>Price change No. %1 — %2</source>
        <translation>Переоценка № %1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="288"/>
        <source>Price change No. %1</source>
        <translation>Переоценка № %1</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="317"/>
        <source>For example, %1 becomes %2.</source>
        <translation>Например, %1 станет %2.</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="406"/>
        <source>Products: choose a category.</source>
        <translation>Товары: выберите категорию.</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="414"/>
        <source>Products: type one PLU or more.</source>
        <translation>Товары: введите один или несколько PLU.</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="415"/>
        <source>Products: type a part of the name.</source>
        <translation>Товары: введите часть названия.</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="421"/>
        <source>Adding products…</source>
        <translation>Добавление товаров…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="430"/>
        <source>%Ln product(s) added.</source>
        <translation>
            <numerusform>Добавлен %Ln товар.</numerusform>
            <numerusform>Добавлено %Ln товара.</numerusform>
            <numerusform>Добавлено %Ln товаров.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="447"/>
        <source>Select the lines to remove first.</source>
        <translation>Сначала выберите строки для удаления.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="459"/>
        <source>%Ln line(s) removed.</source>
        <translation>
            <numerusform>Удалена %Ln строка.</numerusform>
            <numerusform>Удалено %Ln строки.</numerusform>
            <numerusform>Удалено %Ln строк.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="472"/>
        <source>The new prices of %Ln product(s) start %1.</source>
        <translation>
            <numerusform>Новая цена %Ln товара начнёт действовать %1.</numerusform>
            <numerusform>Новые цены %Ln товаров начнут действовать %1.</numerusform>
            <numerusform>Новые цены %Ln товаров начнут действовать %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="474"/>
        <source>The prices of %Ln product(s) change now, and the till charges them from the next scan.</source>
        <translation>
            <numerusform>Цена %Ln товара изменится сейчас, и касса применит её со следующего сканирования.</numerusform>
            <numerusform>Цены %Ln товаров изменятся сейчас, и касса применит их со следующего сканирования.</numerusform>
            <numerusform>Цены %Ln товаров изменятся сейчас, и касса применит их со следующего сканирования.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="477"/>
        <source>Post the price change</source>
        <translation>Провести переоценку</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="478"/>
        <source>A posted document cannot be changed. Post it?</source>
        <translation>Проведённый документ изменить нельзя. Провести?</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="480"/>
        <source>Posting…</source>
        <translation>Проведение…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="493"/>
        <source>Posted: %Ln price(s) changed; their shelf labels are in the label queue.</source>
        <translation>
            <numerusform>Проведено: изменена %Ln цена; её ценник в очереди этикеток.</numerusform>
            <numerusform>Проведено: изменены %Ln цены; их ценники в очереди этикеток.</numerusform>
            <numerusform>Проведено: изменено %Ln цен; их ценники в очереди этикеток.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="506"/>
        <source>Cancel the price change</source>
        <translation>Отменить переоценку</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="507"/>
        <source>Price change No. %1 will be kept as cancelled and never posted. Cancel it?</source>
        <translation>Переоценка № %1 останется отменённой и никогда не будет проведена. Отменить её?</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentDialog.cpp" line="555"/>
        <source>&amp;Stop</source>
        <translation>&amp;Остановить</translation>
    </message>
</context>
<context>
    <name>shopdesk::PriceDocumentsDialog</name>
    <message>
        <location filename="../ui/documents/PriceDocumentsDialog.cpp" line="34"/>
        <source>Price changes</source>
        <translation>Переоценки</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentsDialog.cpp" line="37"/>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentsDialog.cpp" line="37"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentsDialog.cpp" line="37"/>
        <source>Prices start</source>
        <translation>Цены действуют</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentsDialog.cpp" line="37"/>
        <source>Products</source>
        <translation>Товары</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentsDialog.cpp" line="38"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentsDialog.cpp" line="38"/>
        <source>Created</source>
        <translation>Создан</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentsDialog.cpp" line="38"/>
        <source>Posted</source>
        <translation>Проведён</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentsDialog.cpp" line="47"/>
        <source>&amp;New…</source>
        <translation>&amp;Создать…</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentsDialog.cpp" line="53"/>
        <source>&amp;Open…</source>
        <translation>&amp;Открыть…</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentsDialog.cpp" line="78"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentsDialog.cpp" line="101"/>
        <source>when posted</source>
        <translation>при проведении</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentsDialog.cpp" line="104"/>
        <source>%1 (%2 changed)</source>
        <translation>%1 (изменено %2)</translation>
    </message>
    <message>
        <location filename="../ui/documents/PriceDocumentsDialog.cpp" line="109"/>
        <location filename="../ui/documents/PriceDocumentsDialog.cpp" line="112"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/PriceDocumentsDialog.cpp" line="121"/>
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln документ</numerusform>
            <numerusform>%Ln документа</numerusform>
            <numerusform>%Ln документов</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::PriceLinesModel</name>
    <message>
        <location filename="../models/documents/PriceLinesModel.cpp" line="52"/>
        <source>%1/kg</source>
        <translation>%1/кг</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceLinesModel.cpp" line="68"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceLinesModel.cpp" line="79"/>
        <source>It was %1 when the line was added.</source>
        <translation>Когда строку добавили, цена была %1.</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceLinesModel.cpp" line="89"/>
        <source>PLU</source>
        <translation>PLU</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceLinesModel.cpp" line="91"/>
        <source>Name</source>
        <translation>Товар</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceLinesModel.cpp" line="93"/>
        <source>Price now</source>
        <translation>Цена сейчас</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceLinesModel.cpp" line="93"/>
        <source>Old price</source>
        <translation>Прежняя цена</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceLinesModel.cpp" line="95"/>
        <source>New price</source>
        <translation>Новая цена</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceLinesModel.cpp" line="97"/>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <location filename="../models/documents/PriceLinesModel.cpp" line="118"/>
        <source>New price: &quot;%1&quot; is not a price; type it like 129.90.</source>
        <translation>Новая цена: «%1» — не цена; введите, например, 129,90.</translation>
    </message>
</context>
<context>
    <name>shopdesk::PriceListImportDialog</name>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="55"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="62"/>
        <source>New product</source>
        <translation>Новый товар</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="64"/>
        <source>Update</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="66"/>
        <source>Unchanged</source>
        <translation>Без изменений</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="68"/>
        <source>Refused (%1): %2</source>
        <translation>Отклонено (%1): %2</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="90"/>
        <source>C&amp;hoose…</source>
        <translation>В&amp;ыбрать…</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="91"/>
        <source>The first row is a hea&amp;der</source>
        <translation>Первая строка — &amp;заголовок</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="92"/>
        <source>&amp;Preview</source>
        <translation>П&amp;росмотр</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="99"/>
        <source>Import a supplier&apos;s price list</source>
        <translation>Импорт прайс-листа поставщика</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="110"/>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="110"/>
        <source>PLU</source>
        <translation>PLU</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="110"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="110"/>
        <source>Retail price</source>
        <translation>Розничная цена</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="110"/>
        <source>Purchase price</source>
        <translation>Закупочная цена</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="110"/>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="119"/>
        <source>&amp;Supplier:</source>
        <translation>&amp;Поставщик:</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="123"/>
        <source>&amp;File:</source>
        <translation>&amp;Файл:</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="132"/>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="270"/>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="134"/>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="140"/>
        <source>Columns of the file:</source>
        <translation>Столбцы файла:</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="143"/>
        <source>&amp;Apply</source>
        <translation>Примени&amp;ть</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="146"/>
        <source>Save &amp;refused rows…</source>
        <translation>Сохранить &amp;отклонённые строки…</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="212"/>
        <source>Supplier&apos;s price list</source>
        <translation>Прайс-лист поставщика</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="213"/>
        <source>Price lists (*.csv *.txt *.xlsx);;All files (*)</source>
        <translation>Прайс-листы (*.csv *.txt *.xlsx);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="272"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="330"/>
        <source>Importing the price list…</source>
        <translation>Импорт прайс-листа…</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="330"/>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="340"/>
        <source>Importing the price list: %Ln row(s) read…</source>
        <translation>
            <numerusform>Импорт прайс-листа: прочитана %Ln строка…</numerusform>
            <numerusform>Импорт прайс-листа: прочитаны %Ln строки…</numerusform>
            <numerusform>Импорт прайс-листа: прочитано %Ln строк…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="345"/>
        <source>Stopping…</source>
        <translation>Остановка…</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="373"/>
        <source>Imported: %1, %2, %3; %4.</source>
        <translation>Импортировано: %1, %2, %3; %4.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="374"/>
        <source>%Ln new product(s)</source>
        <translation>
            <numerusform>%Ln новый товар</numerusform>
            <numerusform>%Ln новых товара</numerusform>
            <numerusform>%Ln новых товаров</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="375"/>
        <source>%Ln updated</source>
        <translation>
            <numerusform>%Ln изменён</numerusform>
            <numerusform>%Ln изменены</numerusform>
            <numerusform>%Ln изменено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="376"/>
        <source>%Ln unchanged</source>
        <translation>
            <numerusform>%Ln без изменений</numerusform>
            <numerusform>%Ln без изменений</numerusform>
            <numerusform>%Ln без изменений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="377"/>
        <source>%Ln refused</source>
        <translation>
            <numerusform>%Ln отклонён</numerusform>
            <numerusform>%Ln отклонены</numerusform>
            <numerusform>%Ln отклонено</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="379"/>
        <source>The price list is imported.</source>
        <translation>Прайс-лист импортирован.</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="388"/>
        <source>Save refused rows</source>
        <translation>Сохранение отклонённых строк</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="390"/>
        <source>%1 - refused.csv</source>
        <translation>%1 - отклонённые.csv</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="391"/>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="402"/>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/imports/PriceListImportDialog.cpp" line="407"/>
        <source>%Ln refused row(s) saved to %1.</source>
        <translation>
            <numerusform>%Ln отклонённая строка сохранена в %1.</numerusform>
            <numerusform>%Ln отклонённые строки сохранены в %1.</numerusform>
            <numerusform>%Ln отклонённых строк сохранено в %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::PriceOverrideDialog</name>
    <message>
        <location filename="../ui/checkout/PriceOverrideDialog.cpp" line="29"/>
        <location filename="../ui/checkout/PriceOverrideDialog.cpp" line="51"/>
        <source>Change the price</source>
        <translation>Изменение цены</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PriceOverrideDialog.cpp" line="40"/>
        <source>&lt;b&gt;%1&lt;/b&gt; (PLU %2)&lt;br&gt;Catalog price %3%4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (PLU %2)&lt;br&gt;Цена по каталогу %3%4</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PriceOverrideDialog.cpp" line="42"/>
        <source> per kg</source>
        <translation> за кг</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PriceOverrideDialog.cpp" line="45"/>
        <source>New &amp;price:</source>
        <translation>Новая &amp;цена:</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PriceOverrideDialog.cpp" line="46"/>
        <source>A manager approves it:</source>
        <translation>Подтверждение менеджера:</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PriceOverrideDialog.cpp" line="47"/>
        <source>Manager&apos;s &amp;login:</source>
        <translation>&amp;Логин менеджера:</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PriceOverrideDialog.cpp" line="48"/>
        <source>Password or &amp;PIN:</source>
        <translation>Пароль или &amp;PIN:</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PriceOverrideDialog.cpp" line="71"/>
        <source>New price: &quot;%1&quot; is not an amount (e.g. 89.90).</source>
        <translation>Новая цена: «%1» — не сумма (например, 89,90).</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PriceOverrideDialog.cpp" line="76"/>
        <source>New price: at most %1.</source>
        <translation>Новая цена: не больше %1.</translation>
    </message>
    <message>
        <location filename="../ui/checkout/PriceOverrideDialog.cpp" line="83"/>
        <source>A manager types their login and password or PIN to approve the price.</source>
        <translation>Чтобы подтвердить цену, менеджер вводит свой логин и пароль или PIN.</translation>
    </message>
</context>
<context>
    <name>shopdesk::ProductDialog</name>
    <message>
        <location filename="../ui/catalog/ProductDialog.cpp" line="32"/>
        <source>Sold by &amp;weight (price per kg)</source>
        <translation>Продаётся на &amp;вес (цена за кг)</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductDialog.cpp" line="36"/>
        <source>New product</source>
        <translation>Новый товар</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductDialog.cpp" line="55"/>
        <source>&amp;PLU:</source>
        <translation>&amp;PLU:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductDialog.cpp" line="56"/>
        <source>&amp;Name:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductDialog.cpp" line="57"/>
        <source>P&amp;rice:</source>
        <translation>&amp;Цена:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductDialog.cpp" line="58"/>
        <source>&amp;Barcodes:</source>
        <translation>&amp;Штрихкоды:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductDialog.cpp" line="64"/>
        <source>&amp;VAT:</source>
        <translation>Н&amp;ДС:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductDialog.cpp" line="68"/>
        <source>Ca&amp;tegory:</source>
        <translation>&amp;Категория:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductDialog.cpp" line="70"/>
        <source>The price is per kilogram and the stock is counted in grams; the scale&apos;s label (a barcode starting with 2) gives the weight.</source>
        <translation>Цена указывается за килограмм, остаток считается в граммах; вес берётся с этикетки весов (штрихкод, начинающийся с 2).</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductDialog.cpp" line="75"/>
        <source>&amp;Create</source>
        <translation>&amp;Создать</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductDialog.cpp" line="110"/>
        <source>Price: type an amount such as %1.</source>
        <translation>Цена: введите сумму, например %1.</translation>
    </message>
</context>
<context>
    <name>shopdesk::ProductEditDialog</name>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="51"/>
        <source>Sold by &amp;weight (price per kg)</source>
        <translation>Продаётся на &amp;вес (цена за кг)</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="52"/>
        <source>&amp;Active (sold and received)</source>
        <translation>&amp;Активен (продаётся и принимается)</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="64"/>
        <source>Product %1</source>
        <translation>Товар %1</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="108"/>
        <source>&amp;Barcodes:</source>
        <translation>&amp;Штрихкоды:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="327"/>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="80"/>
        <source>Only until the product&apos;s stock first moves.</source>
        <translation>Только пока по остаткам товара не было движений.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="82"/>
        <source>An archived product stays in the history but cannot be sold or received.</source>
        <translation>Товар в архиве остаётся в истории, но его нельзя продать или принять.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="89"/>
        <source>why: kept with the change</source>
        <translation>причина: сохраняется вместе с изменением</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="105"/>
        <source>PLU:</source>
        <translation>PLU:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="106"/>
        <source>&amp;Name:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="107"/>
        <source>P&amp;rice:</source>
        <translation>&amp;Цена:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="111"/>
        <source>&amp;VAT:</source>
        <translation>Н&amp;ДС:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="115"/>
        <source>Ca&amp;tegory:</source>
        <translation>&amp;Категория:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="118"/>
        <source>Rea&amp;son:</source>
        <translation>Прич&amp;ина:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="123"/>
        <source>From</source>
        <translation>Действует с</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="123"/>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="123"/>
        <source>Before</source>
        <translation>Было</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="123"/>
        <source>Set by</source>
        <translation>Кто задал</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="123"/>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="157"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="138"/>
        <source>S&amp;chedule a price</source>
        <translation>За&amp;планировать цену</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="141"/>
        <source>New price:</source>
        <translation>Новая цена:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="143"/>
        <source>from:</source>
        <translation>с:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="146"/>
        <source>W&amp;ithdraw scheduled price</source>
        <translation>О&amp;тменить запланированную цену</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="148"/>
        <source>Takes back the selected scheduled price before it starts; the reason above is kept with it.</source>
        <translation>Отменяет выбранную запланированную цену до её начала; причина выше сохраняется вместе с отменой.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="157"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="157"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="157"/>
        <source>What changed</source>
        <translation>Что изменилось</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="167"/>
        <source>&amp;Prices</source>
        <translation>Цен&amp;ы</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="168"/>
        <source>C&amp;hanges</source>
        <translation>&amp;Изменения</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="169"/>
        <source>Stoc&amp;k</source>
        <translation>&amp;Остатки</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="172"/>
        <source>M&amp;ovements</source>
        <translation>Дви&amp;жения</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="180"/>
        <source>Times are the shop&apos;s.</source>
        <translation>Время — магазина.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="215"/>
        <source>There is no product with PLU %1.</source>
        <translation>Товара с PLU %1 нет.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="237"/>
        <source>The head office manages this shop&apos;s catalog: this product is changed there and reaches the shop with the next sync.</source>
        <translation>Каталогом этого магазина управляет головной офис: этот товар меняется там и приходит в магазин со следующей синхронизацией.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="282"/>
        <source>%1 (scheduled)</source>
        <translation>%1 (запланирована)</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="312"/>
        <source>(system)</source>
        <translation>(система)</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="324"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="324"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="333"/>
        <source>Name: %1 → %2</source>
        <translation>Название: %1 → %2</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="335"/>
        <source>Price: %1 → %2</source>
        <translation>Цена: %1 → %2</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="338"/>
        <source>Barcode: %1 → %2</source>
        <translation>Штрихкод: %1 → %2</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="340"/>
        <source>Barcodes: %1 → %2</source>
        <translation>Штрихкоды: %1 → %2</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="344"/>
        <source>Sold by weight: %1 → %2</source>
        <translation>Весовой: %1 → %2</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="346"/>
        <source>Active: %1 → %2</source>
        <translation>Активен: %1 → %2</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="348"/>
        <source>Scheduled price %1 from %2 withdrawn</source>
        <translation>Запланированная цена %1 с %2 отменена</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="355"/>
        <source>Category: %1 → %2</source>
        <translation>Категория: %1 → %2</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="359"/>
        <source>VAT: %1 → %2</source>
        <translation>НДС: %1 → %2</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="394"/>
        <source>Price: type an amount such as %1.</source>
        <translation>Цена: введите сумму, например %1.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="459"/>
        <source>New price: type an amount such as %1.</source>
        <translation>Новая цена: введите сумму, например %1.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="481"/>
        <source>%1 from %2.</source>
        <translation>%1 с %2.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="507"/>
        <source>Withdraw scheduled price</source>
        <translation>Отмена запланированной цены</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="508"/>
        <source>Withdraw the price %1 scheduled from %2? The price before it stays.</source>
        <translation>Отменить цену %1, запланированную с %2? Останется прежняя цена.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductEditDialog.cpp" line="522"/>
        <source>The price %1 from %2 is withdrawn.</source>
        <translation>Цена %1 с %2 отменена.</translation>
    </message>
</context>
<context>
    <name>shopdesk::ProductMovementsTable</name>
    <message>
        <location filename="../ui/catalog/ProductMovementsTable.cpp" line="32"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductMovementsTable.cpp" line="32"/>
        <source>Shop</source>
        <translation>Магазин</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductMovementsTable.cpp" line="32"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductMovementsTable.cpp" line="32"/>
        <source>Shelf</source>
        <translation>Полка</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductMovementsTable.cpp" line="33"/>
        <source>Held by orders</source>
        <translation>В заказах</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductMovementsTable.cpp" line="33"/>
        <source>Shelf after</source>
        <translation>На полке после</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductMovementsTable.cpp" line="33"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductMovementsTable.cpp" line="33"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
</context>
<context>
    <name>shopdesk::ProductStockTable</name>
    <message>
        <location filename="../ui/catalog/ProductStockTable.cpp" line="20"/>
        <source>Shop</source>
        <translation>Магазин</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductStockTable.cpp" line="20"/>
        <source>On the shelf</source>
        <translation>На полке</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductStockTable.cpp" line="20"/>
        <source>Held by orders</source>
        <translation>В заказах</translation>
    </message>
    <message>
        <location filename="../ui/catalog/ProductStockTable.cpp" line="20"/>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
</context>
<context>
    <name>shopdesk::PromoCodesDialog</name>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="48"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="78"/>
        <source>F&amp;rom:</source>
        <translation>&amp;Начало:</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="80"/>
        <source>U&amp;ntil:</source>
        <translation>Ок&amp;ончание:</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="87"/>
        <source>&amp;Active: the till accepts it</source>
        <translation>&amp;Активен: касса его принимает</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="88"/>
        <source>Appl&amp;ied automatically, with no code to type</source>
        <translation>Применяется авто&amp;матически, без ввода кода</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="90"/>
        <source>Ne&amp;w code</source>
        <translation>Но&amp;вый код</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="91"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="92"/>
        <source>Switch o&amp;ff</source>
        <translation>О&amp;тключить</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="95"/>
        <source>S&amp;how</source>
        <translation>Пока&amp;зать</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="96"/>
        <source>E&amp;xport CSV…</source>
        <translation>&amp;Экспорт CSV…</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="100"/>
        <source>Promo codes</source>
        <translation>Промокоды</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="104"/>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="231"/>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="657"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="104"/>
        <source>Discount</source>
        <translation>Скидка</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="104"/>
        <source>Valid</source>
        <translation>Действует</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="105"/>
        <source>Smallest purchase</source>
        <translation>Минимальная покупка</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="105"/>
        <source>Limits</source>
        <translation>Ограничения</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="105"/>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="231"/>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="657"/>
        <source>Uses</source>
        <translation>Использования</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="106"/>
        <source>Given off</source>
        <translation>Скидка всего</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="106"/>
        <source>Active</source>
        <translation>Активен</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="117"/>
        <source>e.g. SPRING10</source>
        <translation>например, SPRING10</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="130"/>
        <source>Percent off</source>
        <translation>Скидка в процентах</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="131"/>
        <source>Amount off</source>
        <translation>Скидка суммой</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="133"/>
        <source>e.g. 10</source>
        <translation>например, 10</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="150"/>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="387"/>
        <source>any purchase</source>
        <translation>любая покупка</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="152"/>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="154"/>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="388"/>
        <source>no limit</source>
        <translation>без ограничения</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="156"/>
        <source>With a limit per customer, the till needs the customer chosen on the sale.</source>
        <translation>При ограничении на покупателя касса требует выбрать покупателя в продаже.</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="158"/>
        <source>every product; or PLUs, e.g. 10042, 10070</source>
        <translation>все товары; или PLU, например 10042, 10070</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="160"/>
        <source>Tick with Space. A code limited to categories discounts their products and those of their subcategories; with no category and no PLU, every product.</source>
        <translation>Отмечайте пробелом. Код, ограниченный категориями, даёт скидку на их товары и товары их подкатегорий; без категорий и PLU — на все товары.</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="168"/>
        <source>The till takes it off every sale it suits when no code is typed (the one that takes most off when several do); its code is only its name.</source>
        <translation>Касса применяет её к каждой подходящей продаже, когда код не введён (из нескольких — ту, что даёт наибольшую скидку); код служит лишь названием.</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="179"/>
        <source>The till refuses a code switched off; tick Active to take it back.</source>
        <translation>Касса не принимает отключённый код; отметьте «Активен», чтобы вернуть его.</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="182"/>
        <source>Promo code</source>
        <translation>Промокод</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="184"/>
        <source>&amp;Code:</source>
        <translation>&amp;Код:</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="188"/>
        <source>&amp;Discount:</source>
        <translation>Ск&amp;идка:</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="196"/>
        <source>Valid:</source>
        <translation>Действует:</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="197"/>
        <source>S&amp;mallest purchase:</source>
        <translation>Минимальная пок&amp;упка:</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="198"/>
        <source>Uses in a&amp;ll:</source>
        <translation>Использований вс&amp;его:</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="199"/>
        <source>Uses per cus&amp;tomer:</source>
        <translation>На о&amp;дного покупателя:</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="200"/>
        <source>On &amp;products:</source>
        <translation>Това&amp;ры:</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="201"/>
        <source>In cate&amp;gories:</source>
        <translation>Кате&amp;гории:</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="231"/>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="657"/>
        <source>Sales before discount</source>
        <translation>Продажи до скидки</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="231"/>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="657"/>
        <source>Discount given</source>
        <translation>Предоставлено скидки</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="237"/>
        <source>Paid &amp;from:</source>
        <translation>Оплачено &amp;с:</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="239"/>
        <source>t&amp;o:</source>
        <translation>&amp;по:</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="255"/>
        <source>Cod&amp;es</source>
        <translation>Код&amp;ы</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="256"/>
        <source>&amp;Uses and cost</source>
        <translation>&amp;Использование и стоимость</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="354"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="356"/>
        <source>from %1</source>
        <translation>с %1</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="358"/>
        <source>until %1</source>
        <translation>до %1</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="359"/>
        <source>always</source>
        <translation>всегда</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="372"/>
        <source>%Ln in all</source>
        <translation>
            <numerusform>%Ln всего</numerusform>
            <numerusform>%Ln всего</numerusform>
            <numerusform>%Ln всего</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="374"/>
        <source>%Ln per customer</source>
        <translation>
            <numerusform>%Ln на покупателя</numerusform>
            <numerusform>%Ln на покупателя</numerusform>
            <numerusform>%Ln на покупателя</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="377"/>
        <source>%1 on %Ln product(s)</source>
        <translation>
            <numerusform>%1 на %Ln товар</numerusform>
            <numerusform>%1 на %Ln товара</numerusform>
            <numerusform>%1 на %Ln товаров</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="379"/>
        <source>%1 in %2</source>
        <translation>%1 в категориях: %2</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="381"/>
        <source>%1, automatic</source>
        <translation>%1, автоматически</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="383"/>
        <source>%1 (head office)</source>
        <translation>%1 (головной офис)</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="390"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="390"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="476"/>
        <source>Type the percentage off: a whole number from 1 to 100.</source>
        <translation>Введите скидку в процентах: целое число от 1 до 100.</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="484"/>
        <source>Type the amount off, such as 50 or 49.90.</source>
        <translation>Введите скидку суммой, например 50 или 49,90.</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="498"/>
        <source>Type the smallest purchase as an amount, or leave it empty.</source>
        <translation>Введите минимальную покупку суммой или оставьте поле пустым.</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="505"/>
        <source>Type the uses in all as a whole number, or leave it empty.</source>
        <translation>Введите число использований всего целым числом или оставьте поле пустым.</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="511"/>
        <source>Type the uses per customer as a whole number, or leave it empty.</source>
        <translation>Введите число использований на покупателя целым числом или оставьте поле пустым.</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="533"/>
        <source>This code comes from the head office: it is changed there, and reaches this shop with the catalog.</source>
        <translation>Этот код задан головным офисом: он меняется там и приходит в магазин вместе с каталогом.</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="577"/>
        <source>Promo code %1 saved.</source>
        <translation>Промокод %1 сохранён.</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="597"/>
        <source>Promo code %1 is switched off: the till refuses it.</source>
        <translation>Промокод %1 отключён: касса его не примет.</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="643"/>
        <source>No promo code was used in this period.</source>
        <translation>За этот период промокоды не использовались.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="644"/>
        <source>%Ln use(s), %1 given off in all.</source>
        <translation>
            <numerusform>%Ln использование, скидка всего %1.</numerusform>
            <numerusform>%Ln использования, скидка всего %1.</numerusform>
            <numerusform>%Ln использований, скидка всего %1.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="672"/>
        <source>Save the uses report</source>
        <translation>Сохранить отчёт об использовании</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="672"/>
        <source>promo-code-uses.csv</source>
        <translation>использование-промокодов.csv</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="672"/>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="677"/>
        <source>Saved to %1.</source>
        <translation>Сохранено в %1.</translation>
    </message>
    <message>
        <location filename="../ui/promotions/PromoCodesDialog.cpp" line="679"/>
        <source>Could not save %1: %2</source>
        <translation>Не удалось сохранить %1: %2</translation>
    </message>
</context>
<context>
    <name>shopdesk::QuantitySpinBox</name>
    <message>
        <location filename="../ui/common/QuantitySpinBox.cpp" line="63"/>
        <source>This product is counted in whole pieces: &quot;%1&quot; is not a number of pieces.</source>
        <translation>Этот товар считается в целых штуках: «%1» — не число штук.</translation>
    </message>
    <message>
        <location filename="../ui/common/QuantitySpinBox.cpp" line="103"/>
        <source> kg</source>
        <translation> кг</translation>
    </message>
    <message>
        <location filename="../ui/common/QuantitySpinBox.cpp" line="103"/>
        <source> pcs</source>
        <translation> шт.</translation>
    </message>
    <message>
        <location filename="../ui/common/QuantitySpinBox.cpp" line="106"/>
        <source>Kilograms, to the gram (%1 is 1 kg 250 g).</source>
        <translation>Килограммы с точностью до грамма (%1 — это 1 кг 250 г).</translation>
    </message>
    <message>
        <location filename="../ui/common/QuantitySpinBox.cpp" line="107"/>
        <source>Whole pieces.</source>
        <translation>Целые штуки.</translation>
    </message>
</context>
<context>
    <name>shopdesk::ReceiptLinesModel</name>
    <message>
        <location filename="../models/documents/ReceiptLinesModel.cpp" line="96"/>
        <source>Per kilogram</source>
        <translation>За килограмм</translation>
    </message>
    <message>
        <location filename="../models/documents/ReceiptLinesModel.cpp" line="125"/>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../models/documents/ReceiptLinesModel.cpp" line="127"/>
        <source>PLU</source>
        <translation>PLU</translation>
    </message>
    <message>
        <location filename="../models/documents/ReceiptLinesModel.cpp" line="129"/>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <location filename="../models/documents/ReceiptLinesModel.cpp" line="131"/>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <location filename="../models/documents/ReceiptLinesModel.cpp" line="133"/>
        <source>Purchase price</source>
        <translation>Закупочная цена</translation>
    </message>
    <message>
        <location filename="../models/documents/ReceiptLinesModel.cpp" line="135"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../models/documents/ReceiptLinesModel.cpp" line="137"/>
        <source>Retail price</source>
        <translation>Розничная цена</translation>
    </message>
    <message>
        <location filename="../models/documents/ReceiptLinesModel.cpp" line="162"/>
        <source>Line %1: type the weight in kilograms, for example 1.250.</source>
        <translation>Строка %1: введите вес в килограммах, например 1,250.</translation>
    </message>
    <message>
        <location filename="../models/documents/ReceiptLinesModel.cpp" line="164"/>
        <source>Line %1: type the quantity as a whole number.</source>
        <translation>Строка %1: введите количество целым числом.</translation>
    </message>
    <message>
        <location filename="../models/documents/ReceiptLinesModel.cpp" line="171"/>
        <source>Line %1: type the price, for example 125.50.</source>
        <translation>Строка %1: введите цену, например 125,50.</translation>
    </message>
</context>
<context>
    <name>shopdesk::ReceiptPrintQueue</name>
    <message>
        <location filename="../models/checkout/ReceiptPrintQueue.cpp" line="12"/>
        <source>The printer did not answer within %1 seconds.</source>
        <translation>Принтер не ответил за %1 с.</translation>
    </message>
    <message>
        <location filename="../models/checkout/ReceiptPrintQueue.cpp" line="75"/>
        <source>The printer closed the connection before the receipt was sent.</source>
        <translation>Принтер закрыл соединение до того, как чек был отправлен.</translation>
    </message>
    <message>
        <location filename="../models/checkout/ReceiptPrintQueue.cpp" line="82"/>
        <source>Printer %1:%2: %3</source>
        <translation>Принтер %1:%2: %3</translation>
    </message>
</context>
<context>
    <name>shopdesk::ReportsPage</name>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="116"/>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="144"/>
        <source>Export chart as &amp;PNG…</source>
        <translation>Экспорт графика в &amp;PNG…</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="146"/>
        <source>Export report as P&amp;DF…</source>
        <translation>Экспорт отчёта в P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="142"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="190"/>
        <source>Stock in and out per day</source>
        <translation>Приход и расход по дням</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="192"/>
        <source>Sales by hour of day</source>
        <translation>Продажи по часам</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="196"/>
        <source>Stock value by shop</source>
        <translation>Стоимость остатков по магазинам</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="215"/>
        <source>Your role cannot view reports; ask a manager.</source>
        <translation>Ваша роль не позволяет просматривать отчёты; обратитесь к менеджеру.</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="274"/>
        <source>Working out the reports…</source>
        <translation>Расчёт отчётов…</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="325"/>
        <source>In</source>
        <translation>Приход</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="325"/>
        <source>Out</source>
        <translation>Расход</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="325"/>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="325"/>
        <source>Net</source>
        <translation>Разница</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="350"/>
        <source>Hour</source>
        <translation>Час</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="370"/>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="396"/>
        <source>Shop</source>
        <translation>Магазин</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="194"/>
        <source>Top products by sales value</source>
        <translation>Лучшие товары по выручке</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="198"/>
        <source>Stock value by category</source>
        <translation>Стоимость остатков по категориям</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="296"/>
        <source>In, pcs</source>
        <translation>Приход, шт.</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="297"/>
        <source>Out, pcs</source>
        <translation>Расход, шт.</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="298"/>
        <source>In, kg</source>
        <translation>Приход, кг</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="299"/>
        <source>Out, kg</source>
        <translation>Расход, кг</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="330"/>
        <source>Pieces sold</source>
        <translation>Продано штук</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="331"/>
        <source>Kilograms sold</source>
        <translation>Продано кг</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="350"/>
        <location filename="../ui/reports/ReportsPage.cpp" line="370"/>
        <source>Sold</source>
        <translation>Продажа</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="356"/>
        <source>Sales value</source>
        <translation>Выручка</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="370"/>
        <location filename="../ui/reports/ReportsPage.cpp" line="396"/>
        <location filename="../ui/reports/ReportsPage.cpp" line="428"/>
        <source>Value</source>
        <translation>Стоимость</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/reports/ReportsPage.cpp" line="389"/>
        <location filename="../ui/reports/ReportsPage.cpp" line="420"/>
        <source>%Ln stock(s), %1 at retail</source>
        <translation>
            <numerusform>%Ln остаток, %1 в розничных ценах</numerusform>
            <numerusform>%Ln остатка, %1 в розничных ценах</numerusform>
            <numerusform>%Ln остатков, %1 в розничных ценах</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="396"/>
        <location filename="../ui/reports/ReportsPage.cpp" line="428"/>
        <source>Pieces</source>
        <translation>Штучные</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="396"/>
        <location filename="../ui/reports/ReportsPage.cpp" line="428"/>
        <source>By weight</source>
        <translation>Весовые</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="396"/>
        <location filename="../ui/reports/ReportsPage.cpp" line="404"/>
        <location filename="../ui/reports/ReportsPage.cpp" line="428"/>
        <source>At cost</source>
        <translation>По себестоимости</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="397"/>
        <location filename="../ui/reports/ReportsPage.cpp" line="429"/>
        <source>Margin</source>
        <translation>Наценка</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="397"/>
        <location filename="../ui/reports/ReportsPage.cpp" line="429"/>
        <source>No cost yet</source>
        <translation>Без себестоимости</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="403"/>
        <source>At retail</source>
        <translation>В розничных ценах</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="408"/>
        <source>No category</source>
        <translation>Без категории</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="428"/>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="443"/>
        <source>the beginning</source>
        <translation>начало</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="446"/>
        <source>today</source>
        <translation>сегодня</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="448"/>
        <source>PLU %1</source>
        <translation>PLU %1</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="449"/>
        <source>times in %1</source>
        <translation>часовой пояс: %1</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="467"/>
        <location filename="../ui/reports/ReportsPage.cpp" line="502"/>
        <source>ShopDesk reports</source>
        <translation>Отчёты ShopDesk</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="513"/>
        <source>Export chart</source>
        <translation>Экспорт графика</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="515"/>
        <source>PNG images (*.png)</source>
        <translation>Изображения PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="519"/>
        <source>Chart saved to %1.</source>
        <translation>График сохранён в %1.</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="521"/>
        <location filename="../ui/reports/ReportsPage.cpp" line="536"/>
        <source>Could not write %1.</source>
        <translation>Не удалось записать %1.</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="528"/>
        <source>Export report</source>
        <translation>Экспорт отчёта</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="530"/>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../ui/reports/ReportsPage.cpp" line="534"/>
        <source>Report saved to %1.</source>
        <translation>Отчёт сохранён в %1.</translation>
    </message>
</context>
<context>
    <name>shopdesk::ReturnDialog</name>
    <message>
        <location filename="../ui/orders/ReturnDialog.cpp" line="34"/>
        <source>Return from order %1</source>
        <translation>Возврат по заказу %1</translation>
    </message>
    <message>
        <location filename="../ui/orders/ReturnDialog.cpp" line="35"/>
        <source>Items coming back</source>
        <translation>Возвращаемые товары</translation>
    </message>
    <message>
        <location filename="../ui/orders/ReturnDialog.cpp" line="45"/>
        <source> g</source>
        <translation> г</translation>
    </message>
    <message>
        <location filename="../ui/orders/ReturnDialog.cpp" line="49"/>
        <source>%1 of %2 × %3</source>
        <translation>%1 из %2 × %3</translation>
    </message>
    <message>
        <location filename="../ui/orders/ReturnDialog.cpp" line="66"/>
        <source>the manager&apos;s password or PIN</source>
        <translation>пароль или PIN менеджера</translation>
    </message>
    <message>
        <location filename="../ui/orders/ReturnDialog.cpp" line="67"/>
        <source>A manager approves</source>
        <translation>Подтверждение менеджера</translation>
    </message>
    <message>
        <location filename="../ui/orders/ReturnDialog.cpp" line="69"/>
        <source>Manager&apos;s &amp;login:</source>
        <translation>&amp;Логин менеджера:</translation>
    </message>
    <message>
        <location filename="../ui/orders/ReturnDialog.cpp" line="70"/>
        <source>Password or &amp;PIN:</source>
        <translation>Пароль или &amp;PIN:</translation>
    </message>
    <message>
        <location filename="../ui/orders/ReturnDialog.cpp" line="74"/>
        <source>&amp;Take back</source>
        <translation>&amp;Принять возврат</translation>
    </message>
    <message>
        <location filename="../ui/orders/ReturnDialog.cpp" line="82"/>
        <source>&amp;Why:</source>
        <translation>При&amp;чина:</translation>
    </message>
    <message>
        <location filename="../ui/orders/ReturnDialog.cpp" line="95"/>
        <source>Choose how many of which items come back.</source>
        <translation>Укажите, сколько каких товаров возвращается.</translation>
    </message>
    <message>
        <location filename="../ui/orders/ReturnDialog.cpp" line="100"/>
        <source>A manager approves the return here with their login and their password or PIN.</source>
        <translation>Менеджер подтверждает возврат здесь своим логином и паролем или PIN.</translation>
    </message>
</context>
<context>
    <name>shopdesk::Sale</name>
    <message>
        <location filename="../models/checkout/Sale.cpp" line="27"/>
        <source>the sale was closed unpaid</source>
        <translation>продажа закрыта без оплаты</translation>
    </message>
    <message>
        <location filename="../models/checkout/Sale.cpp" line="100"/>
        <source>Unknown code %1: no product has this barcode or PLU.</source>
        <translation>Неизвестный код %1: ни у одного товара нет такого штрихкода или PLU.</translation>
    </message>
    <message>
        <location filename="../models/checkout/Sale.cpp" line="105"/>
        <source>%1 (PLU %2) is archived and cannot be sold.</source>
        <translation>%1 (PLU %2) в архиве, его нельзя продать.</translation>
    </message>
    <message>
        <location filename="../models/checkout/Sale.cpp" line="165"/>
        <source>A scanned code is still being looked up; pay in a moment.</source>
        <translation>Отсканированный код ещё ищется; оплатите чуть позже.</translation>
    </message>
    <message>
        <location filename="../models/checkout/Sale.cpp" line="182"/>
        <source>Reserving the items…</source>
        <translation>Резервирование товаров…</translation>
    </message>
    <message>
        <location filename="../models/checkout/Sale.cpp" line="204"/>
        <source>Taking payment…</source>
        <translation>Приём оплаты…</translation>
    </message>
    <message>
        <location filename="../models/checkout/Sale.cpp" line="227"/>
        <source>payment cancelled at the till</source>
        <translation>оплата отменена на кассе</translation>
    </message>
    <message>
        <location filename="../models/checkout/Sale.cpp" line="230"/>
        <source>Payment cancelled; nothing was sold.</source>
        <translation>Оплата отменена; ничего не продано.</translation>
    </message>
    <message>
        <location filename="../models/checkout/Sale.cpp" line="275"/>
        <source>The sale was voided; nothing was sold.</source>
        <translation>Продажа аннулирована; ничего не продано.</translation>
    </message>
    <message>
        <location filename="../models/checkout/Sale.cpp" line="296"/>
        <source>Sale parked. A changed price needs the manager again when it is recalled.</source>
        <translation>Продажа отложена. Изменённую цену после возврата снова должен подтвердить менеджер.</translation>
    </message>
    <message>
        <location filename="../models/checkout/Sale.cpp" line="298"/>
        <source>Sale parked; recall it when the customer is back.</source>
        <translation>Продажа отложена; верните её, когда покупатель вернётся.</translation>
    </message>
    <message>
        <location filename="../models/checkout/Sale.cpp" line="309"/>
        <source>Finish or park the sale on the till before recalling another.</source>
        <translation>Завершите или отложите текущую продажу, прежде чем возвращать другую.</translation>
    </message>
    <message>
        <location filename="../models/checkout/Sale.cpp" line="326"/>
        <source>The till is not empty: the sale stays parked.</source>
        <translation>На кассе уже есть товары: продажа остаётся отложенной.</translation>
    </message>
    <message>
        <location filename="../models/checkout/Sale.cpp" line="334"/>
        <source>Parked sale recalled.</source>
        <translation>Отложенная продажа возвращена.</translation>
    </message>
</context>
<context>
    <name>shopdesk::SettingsPage</name>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="34"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="42"/>
        <source>Shop</source>
        <translation>Магазин</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="44"/>
        <source>This till serves:</source>
        <translation>Эта касса обслуживает:</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="47"/>
        <source>Built-in database (%1)</source>
        <translation>Встроенная база данных (%1)</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="51"/>
        <source>Change database &amp;connection…</source>
        <translation>Изменить подключение к &amp;базе данных…</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="52"/>
        <source>Database</source>
        <translation>База данных</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="54"/>
        <source>In use:</source>
        <translation>Используется:</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="60"/>
        <source>off</source>
        <translation>выкл.</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="62"/>
        <source>Pieces on the shelf; kilograms for goods sold by weight.</source>
        <translation>Штуки на полке; килограммы для весового товара.</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="63"/>
        <source>Stock</source>
        <translation>Остатки</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="65"/>
        <source>Highlight stock &amp;below:</source>
        <translation>Подсвечивать остаток &amp;ниже:</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="67"/>
        <source>&amp;Write-off reasons and approval…</source>
        <translation>&amp;Причины списания и подтверждение…</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="69"/>
        <source>Write-offs:</source>
        <translation>Списания:</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="92"/>
        <location filename="../ui/settings/SettingsPage.cpp" line="107"/>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="94"/>
        <source>Till</source>
        <translation>Касса</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="96"/>
        <source>Till &amp;name (in order numbers):</source>
        <translation>&amp;Имя кассы (в номерах заказов):</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="97"/>
        <source>Unpaid orders &amp;expire after:</source>
        <translation>Неоплаченный заказ &amp;снимается через:</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="100"/>
        <source>none; e.g. 192.168.1.50 or printer.local:9100</source>
        <translation>нет; например, 192.168.1.50 или printer.local:9100</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="103"/>
        <source>Receipt &amp;printer (ESC/POS):</source>
        <translation>&amp;Принтер чеков (ESC/POS):</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="108"/>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="110"/>
        <source>&amp;Lock the till when idle for:</source>
        <translation>Бло&amp;кировать кассу при простое:</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="129"/>
        <source>Same as the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="134"/>
        <source>The language changes at the next start of ShopDesk.</source>
        <translation>Язык сменится при следующем запуске ShopDesk.</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="136"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="138"/>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="144"/>
        <source>&amp;VAT rates…</source>
        <translation>Ставки &amp;НДС…</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="146"/>
        <source>VAT</source>
        <translation>НДС</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="148"/>
        <source>The rates products can have:</source>
        <translation>Ставки, которые можно назначать товарам:</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="194"/>
        <source>This till now serves %1.</source>
        <translation>Теперь эта касса обслуживает магазин «%1».</translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsPage.cpp" line="205"/>
        <source>The new database connection is used from the next start of ShopDesk.</source>
        <translation>Новое подключение к базе данных будет использоваться со следующего запуска ShopDesk.</translation>
    </message>
</context>
<context>
    <name>shopdesk::ShiftPanel</name>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="37"/>
        <source>Hide the report</source>
        <translation>Скрыть отчёт</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="38"/>
        <source>&amp;Print the report</source>
        <translation>&amp;Печать отчёта</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="69"/>
        <source>The %1 was not printed: %2</source>
        <translation>Не напечатано (%1): %2</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="72"/>
        <source>Till %1: looking for the shift…</source>
        <translation>Касса %1: поиск смены…</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="77"/>
        <source>&amp;Open shift…</source>
        <translation>О&amp;ткрыть смену…</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="79"/>
        <source>Cash &amp;in/out…</source>
        <translation>&amp;Внесение/изъятие…</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="81"/>
        <source>&amp;X report</source>
        <translation>&amp;X-отчёт</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="83"/>
        <source>&amp;Z report (close shift)…</source>
        <translation>&amp;Z-отчёт (закрыть смену)…</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="132"/>
        <source>Till %1: shift open since %2 (%3).</source>
        <translation>Касса %1: смена открыта с %2 (%3).</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="136"/>
        <source>Till %1: no shift is open.</source>
        <translation>Касса %1: смена не открыта.</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="184"/>
        <source>Shift opened at till %1 with %2 in the drawer.</source>
        <translation>Смена на кассе %1 открыта, в кассе %2.</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="211"/>
        <source>%1 put into the drawer.</source>
        <translation>В кассу внесено %1.</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="212"/>
        <source>%1 taken out of the drawer.</source>
        <translation>Из кассы изъято %1.</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="228"/>
        <source>Till %1 has no open shift.</source>
        <translation>На кассе %1 нет открытой смены.</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="260"/>
        <source>Shift closed. The drawer is %1 short.</source>
        <translation>Смена закрыта. Недостача в кассе: %1.</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="261"/>
        <source>Shift closed. The drawer is %1 over.</source>
        <translation>Смена закрыта. Излишек в кассе: %1.</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="262"/>
        <source>Shift closed. The drawer adds up.</source>
        <translation>Смена закрыта. Касса сходится.</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="291"/>
        <source>Z report of shift %1</source>
        <translation>Z-отчёт смены %1</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="292"/>
        <source>X report of shift %1</source>
        <translation>X-отчёт смены %1</translation>
    </message>
    <message>
        <location filename="../ui/shifts/ShiftPanel.cpp" line="300"/>
        <source>Print the %1</source>
        <translation>Печать: %1</translation>
    </message>
</context>
<context>
    <name>shopdesk::ShopComboBox</name>
    <message>
        <location filename="../ui/common/ShopComboBox.cpp" line="38"/>
        <source>All shops</source>
        <translation>Все магазины</translation>
    </message>
</context>
<context>
    <name>shopdesk::StaffDialog</name>
    <message>
        <location filename="../ui/staff/StaffDialog.cpp" line="35"/>
        <source>New staff account</source>
        <translation>Новая учётная запись сотрудника</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffDialog.cpp" line="43"/>
        <source>e.g. kate.s</source>
        <translation>например, kate.s</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffDialog.cpp" line="46"/>
        <source>as shown on receipts and in the history</source>
        <translation>как в чеках и в истории</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/staff/StaffDialog.cpp" line="56"/>
        <source>at least %Ln characters</source>
        <translation>
            <numerusform>не меньше %Ln символа</numerusform>
            <numerusform>не меньше %Ln символов</numerusform>
            <numerusform>не меньше %Ln символов</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffDialog.cpp" line="60"/>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffDialog.cpp" line="61"/>
        <source>&amp;Full name:</source>
        <translation>Полное &amp;имя:</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffDialog.cpp" line="62"/>
        <source>&amp;Role:</source>
        <translation>&amp;Роль:</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffDialog.cpp" line="63"/>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffDialog.cpp" line="64"/>
        <source>R&amp;epeat password:</source>
        <translation>П&amp;овтор пароля:</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffDialog.cpp" line="68"/>
        <location filename="../ui/staff/StaffDialog.cpp" line="104"/>
        <source>&amp;Create</source>
        <translation>&amp;Создать</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffDialog.cpp" line="104"/>
        <source>Creating…</source>
        <translation>Создание…</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffDialog.cpp" line="124"/>
        <source>The two passwords differ. Type the same password twice.</source>
        <translation>Пароли не совпадают. Введите один и тот же пароль дважды.</translation>
    </message>
</context>
<context>
    <name>shopdesk::StaffPage</name>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="48"/>
        <source>Staff</source>
        <translation>Сотрудники</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="61"/>
        <source>&amp;New…</source>
        <translation>&amp;Создать…</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="63"/>
        <source>&amp;Deactivate</source>
        <translation>&amp;Отключить</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="65"/>
        <source>&amp;Activate</source>
        <translation>&amp;Включить</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="68"/>
        <source>Change &amp;role…</source>
        <translation>Сменить &amp;роль…</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="70"/>
        <source>Reset &amp;password…</source>
        <translation>Сбросить &amp;пароль…</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="73"/>
        <source>Set P&amp;IN…</source>
        <translation>Задать P&amp;IN…</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="75"/>
        <source>Re&amp;fresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="84"/>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="84"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="84"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="84"/>
        <source>Active</source>
        <translation>Активна</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="84"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="84"/>
        <source>Locked until</source>
        <translation>Заблокирована до</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="108"/>
        <source>No staff accounts to show.</source>
        <translation>Нет учётных записей сотрудников.</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="123"/>
        <source>Only an administrator manages staff accounts. You are signed in as %1, a %2; ask an administrator to add or change an account.</source>
        <translation>Учётными записями сотрудников управляет только администратор. Вы вошли как %1 (%2); попросите администратора добавить или изменить учётную запись.</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="207"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="207"/>
        <source>no, deactivated</source>
        <translation>нет, отключена</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="208"/>
        <source>set</source>
        <translation>задан</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="247"/>
        <source>%1 (%2) can now sign in.</source>
        <translation>%1 (%2) теперь может входить в систему.</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="262"/>
        <source>%1 is deactivated and can no longer sign in.</source>
        <translation>Учётная запись %1 отключена, вход больше невозможен.</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="271"/>
        <source>%1 can sign in again.</source>
        <translation>%1 снова может входить в систему.</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="284"/>
        <source>%1 is now a %2.</source>
        <translation>Новая роль сотрудника %1: %2.</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="296"/>
        <source>%1 has a new password.</source>
        <translation>У сотрудника %1 новый пароль.</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="309"/>
        <source>%1 no longer has a PIN.</source>
        <translation>У сотрудника %1 больше нет PIN.</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffPage.cpp" line="310"/>
        <source>%1 has a new PIN.</source>
        <translation>У сотрудника %1 новый PIN.</translation>
    </message>
</context>
<context>
    <name>shopdesk::StaffRoleDialog</name>
    <message>
        <location filename="../ui/staff/StaffRoleDialog.cpp" line="20"/>
        <source>Role of %1</source>
        <translation>Роль сотрудника %1</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffRoleDialog.cpp" line="27"/>
        <source>The new role applies from %1&apos;s next sign-in.</source>
        <translation>Новая роль действует со следующего входа сотрудника %1.</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffRoleDialog.cpp" line="31"/>
        <source>&amp;Role:</source>
        <translation>&amp;Роль:</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffRoleDialog.cpp" line="33"/>
        <source>&amp;Change role</source>
        <translation>&amp;Сменить роль</translation>
    </message>
</context>
<context>
    <name>shopdesk::StaffSecretDialog</name>
    <message>
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="27"/>
        <source>PIN for %1</source>
        <translation>PIN для %1</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="27"/>
        <source>New password for %1</source>
        <translation>Новый пароль для %1</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="44"/>
        <source>%1 to %2 digits</source>
        <translation>от %1 до %2 цифр</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="45"/>
        <source>at least %Ln characters</source>
        <translation>
            <numerusform>не меньше %Ln символа</numerusform>
            <numerusform>не меньше %Ln символов</numerusform>
            <numerusform>не меньше %Ln символов</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="48"/>
        <source>A PIN lets %1 sign in on the till, and approve as a manager if their role allows, with a few digits instead of the password.</source>
        <translation>PIN позволяет сотруднику %1 входить на кассе, а если роль позволяет, и подтверждать как менеджер — несколькими цифрами вместо пароля.</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="51"/>
        <source>%1 signs in with this password from now on. A lockout after wrong passwords ends with it.</source>
        <translation>С этого момента %1 входит с этим паролем. Блокировка после неверных паролей с ним снимается.</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="59"/>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="59"/>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="60"/>
        <source>&amp;Repeat PIN:</source>
        <translation>П&amp;овтор PIN:</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="60"/>
        <source>&amp;Repeat password:</source>
        <translation>П&amp;овтор пароля:</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="64"/>
        <source>&amp;Set PIN</source>
        <translation>&amp;Задать PIN</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="64"/>
        <source>&amp;Set password</source>
        <translation>&amp;Задать пароль</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="67"/>
        <source>Re&amp;move PIN</source>
        <translation>&amp;Удалить PIN</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="72"/>
        <source>%1 has no PIN.</source>
        <translation>У сотрудника %1 нет PIN.</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="104"/>
        <source>Type a PIN of %1 to %2 digits.</source>
        <translation>Введите PIN из %1–%2 цифр.</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="118"/>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>PIN-коды не совпадают. Введите один и тот же PIN дважды.</translation>
    </message>
    <message>
        <location filename="../ui/staff/StaffSecretDialog.cpp" line="119"/>
        <source>The two passwords differ. Type the same password twice.</source>
        <translation>Пароли не совпадают. Введите один и тот же пароль дважды.</translation>
    </message>
</context>
<context>
    <name>shopdesk::StockDialog</name>
    <message>
        <location filename="../ui/stock/StockDialog.cpp" line="34"/>
        <source>New stock</source>
        <translation>Новый остаток</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockDialog.cpp" line="52"/>
        <source>Product &amp;PLU:</source>
        <translation>&amp;PLU товара:</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockDialog.cpp" line="54"/>
        <source>S&amp;hop:</source>
        <translation>&amp;Магазин:</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockDialog.cpp" line="55"/>
        <source>On the &amp;shelf:</source>
        <translation>На &amp;полке:</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockDialog.cpp" line="56"/>
        <source>In &amp;orders:</source>
        <translation>В &amp;заказах:</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockDialog.cpp" line="59"/>
        <source>&amp;Create</source>
        <translation>&amp;Создать</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockDialog.cpp" line="84"/>
        <location filename="../ui/stock/StockDialog.cpp" line="98"/>
        <source>Type the product&apos;s PLU.</source>
        <translation>Введите PLU товара.</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockDialog.cpp" line="107"/>
        <source>No product has PLU %1.</source>
        <translation>Нет товара с PLU %1.</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockDialog.cpp" line="110"/>
        <source>%1 — sold by weight, in kilograms</source>
        <translation>%1 — весовой товар, в килограммах</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockDialog.cpp" line="111"/>
        <source>%1 — counted in pieces</source>
        <translation>%1 — штучный товар</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockDialog.cpp" line="134"/>
        <source>Enter the product&apos;s PLU.</source>
        <translation>Введите PLU товара.</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockDialog.cpp" line="140"/>
        <source>Wait for the product of PLU %1, or correct the PLU.</source>
        <translation>Дождитесь, пока найдётся товар с PLU %1, или исправьте PLU.</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockDialog.cpp" line="145"/>
        <source>Choose the shop.</source>
        <translation>Выберите магазин.</translation>
    </message>
</context>
<context>
    <name>shopdesk::StockFilterPanel</name>
    <message>
        <location filename="../ui/stock/StockFilterPanel.cpp" line="40"/>
        <source>Product name, or scan a barcode</source>
        <translation>Название товара или отсканируйте штрихкод</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockFilterPanel.cpp" line="44"/>
        <source>exact PLU</source>
        <translation>точный PLU</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockFilterPanel.cpp" line="49"/>
        <source>C&amp;lear filters</source>
        <translation>Сбросить &amp;фильтры</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockFilterPanel.cpp" line="52"/>
        <source>&amp;Search:</source>
        <translation>&amp;Поиск:</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockFilterPanel.cpp" line="54"/>
        <source>P&amp;LU:</source>
        <translation>P&amp;LU:</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockFilterPanel.cpp" line="56"/>
        <source>S&amp;hop:</source>
        <translation>&amp;Магазин:</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockFilterPanel.cpp" line="58"/>
        <source>On shelf &amp;from</source>
        <translation>На полке &amp;от</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockFilterPanel.cpp" line="60"/>
        <location filename="../ui/stock/StockFilterPanel.cpp" line="64"/>
        <source>to</source>
        <translation>до</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockFilterPanel.cpp" line="62"/>
        <source>In &amp;orders from</source>
        <translation>В &amp;заказах от</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockFilterPanel.cpp" line="91"/>
        <source>any</source>
        <translation>любой</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockFilterPanel.cpp" line="163"/>
        <source>No product has the barcode %1.</source>
        <translation>Товара со штрихкодом %1 нет.</translation>
    </message>
</context>
<context>
    <name>shopdesk::StockModel</name>
    <message>
        <location filename="../models/stock/StockModel.cpp" line="41"/>
        <source>PLU</source>
        <translation>PLU</translation>
    </message>
    <message>
        <location filename="../models/stock/StockModel.cpp" line="43"/>
        <source>Barcode</source>
        <translation>Штрихкод</translation>
    </message>
    <message>
        <location filename="../models/stock/StockModel.cpp" line="45"/>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <location filename="../models/stock/StockModel.cpp" line="47"/>
        <source>Shop</source>
        <translation>Магазин</translation>
    </message>
    <message>
        <location filename="../models/stock/StockModel.cpp" line="49"/>
        <source>On shelf</source>
        <translation>На полке</translation>
    </message>
    <message>
        <location filename="../models/stock/StockModel.cpp" line="51"/>
        <source>In orders</source>
        <translation>В заказах</translation>
    </message>
    <message>
        <location filename="../models/stock/StockModel.cpp" line="53"/>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <location filename="../models/stock/StockModel.cpp" line="55"/>
        <source>Changed</source>
        <translation>Изменено</translation>
    </message>
    <message>
        <location filename="../models/stock/StockModel.cpp" line="203"/>
        <source>%1/kg</source>
        <translation>%1/кг</translation>
    </message>
    <message>
        <location filename="../models/stock/StockModel.cpp" line="220"/>
        <source>Low stock: %1 on the shelf (threshold %2)</source>
        <translation>Мало на полке: %1 (порог %2)</translation>
    </message>
</context>
<context>
    <name>shopdesk::StockPage</name>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="59"/>
        <source>Stock</source>
        <translation>Остатки</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="62"/>
        <source>&amp;Adjust…</source>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="66"/>
        <source>New &amp;product…</source>
        <translation>Новый &amp;товар…</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="70"/>
        <source>Ed&amp;it product…</source>
        <translation>Из&amp;менить товар…</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="73"/>
        <source>New s&amp;tock…</source>
        <translation>Новый о&amp;статок…</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="76"/>
        <source>Stoc&amp;ktake…</source>
        <translation>Инвента&amp;ризация…</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="79"/>
        <source>E&amp;xport CSV…</source>
        <translation>&amp;Экспорт CSV…</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="82"/>
        <source>Print shelf &amp;labels…</source>
        <translation>Печать &amp;ценников…</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="85"/>
        <source>Label &amp;queue…</source>
        <translation>Очередь ц&amp;енников…</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="89"/>
        <source>Add to label q&amp;ueue</source>
        <translation>&amp;Добавить в очередь ценников</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="93"/>
        <source>&amp;Goods receipts…</source>
        <translation>&amp;Поступления…</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="97"/>
        <source>Write o&amp;ff…</source>
        <translation>Спис&amp;ание…</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="101"/>
        <source>Price c&amp;hanges…</source>
        <translation>Переоце&amp;нки…</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="105"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="141"/>
        <source>No stock matches these filters.</source>
        <translation>Нет остатков, подходящих под эти фильтры.</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="249"/>
        <source>The head office manages this shop&apos;s catalog: new products, prices and categories come from it with the next sync.</source>
        <translation>Каталогом этого магазина управляет головной офис: новые товары, цены и категории приходят от него со следующей синхронизацией.</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="300"/>
        <source>%1 (PLU %2) created.</source>
        <translation>%1 (PLU %2) создан.</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="318"/>
        <source>Select a loaded row to edit its product.</source>
        <translation>Выберите загруженную строку, чтобы изменить её товар.</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="325"/>
        <source>%1 (PLU %2) saved.</source>
        <translation>%1 (PLU %2) сохранён.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/stock/StockPage.cpp" line="347"/>
        <source>Stocktake committed: %Ln line(s) counted</source>
        <translation>
            <numerusform>Инвентаризация проведена: посчитана %Ln строка</numerusform>
            <numerusform>Инвентаризация проведена: посчитаны %Ln строки</numerusform>
            <numerusform>Инвентаризация проведена: посчитано %Ln строк</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/stock/StockPage.cpp" line="348"/>
        <source>%Ln corrected.</source>
        <translation>
            <numerusform>исправлено: %Ln.</numerusform>
            <numerusform>исправлено: %Ln.</numerusform>
            <numerusform>исправлено: %Ln.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="403"/>
        <source>Reading the products for the labels…</source>
        <translation>Чтение товаров для ценников…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/stock/StockPage.cpp" line="415"/>
        <source>Labels for the first %Ln products of the list; narrow the filter for the rest.</source>
        <translation>
            <numerusform>Ценники для первого %Ln товара списка; для остальных сузьте фильтр.</numerusform>
            <numerusform>Ценники для первых %Ln товаров списка; для остальных сузьте фильтр.</numerusform>
            <numerusform>Ценники для первых %Ln товаров списка; для остальных сузьте фильтр.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="435"/>
        <source>No products to print labels for.</source>
        <translation>Нет товаров для печати ценников.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/stock/StockPage.cpp" line="441"/>
        <source>%Ln shelf label(s) printed.</source>
        <translation>
            <numerusform>Напечатан %Ln ценник.</numerusform>
            <numerusform>Напечатано %Ln ценника.</numerusform>
            <numerusform>Напечатано %Ln ценников.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="467"/>
        <source>Choose the products whose shelf labels to queue.</source>
        <translation>Выберите товары, ценники которых поставить в очередь.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/stock/StockPage.cpp" line="480"/>
        <source>%Ln shelf label(s) added to the queue (Ctrl+Shift+P to print).</source>
        <translation>
            <numerusform>%Ln ценник добавлен в очередь (Ctrl+Shift+P — печать).</numerusform>
            <numerusform>%Ln ценника добавлено в очередь (Ctrl+Shift+P — печать).</numerusform>
            <numerusform>%Ln ценников добавлено в очередь (Ctrl+Shift+P — печать).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="273"/>
        <source>Select a loaded row to adjust.</source>
        <translation>Выберите загруженную строку, чтобы изменить остаток.</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="280"/>
        <source>%1: now %2 on the shelf, %3 in orders.</source>
        <translation>%1: теперь на полке %2, в заказах %3.</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="358"/>
        <source>Export stock</source>
        <translation>Экспорт остатков</translation>
    </message>
    <message>
        <location filename="../ui/stock/StockPage.cpp" line="372"/>
        <source>Exporting stock…</source>
        <translation>Экспорт остатков…</translation>
    </message>
</context>
<context>
    <name>shopdesk::StocktakeDialog</name>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="37"/>
        <source>&amp;Record</source>
        <translation>&amp;Записать</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="38"/>
        <source>&amp;Commit count…</source>
        <translation>&amp;Провести инвентаризацию…</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="39"/>
        <source>Discard count…</source>
        <translation>Отменить инвентаризацию…</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="42"/>
        <source>Stocktake — %1</source>
        <translation>Инвентаризация — %1</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="44"/>
        <source>PLU or barcode</source>
        <translation>PLU или штрихкод</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="36"/>
        <source>Re&amp;place the line&apos;s count</source>
        <translation>&amp;Заменить количество в строке</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="56"/>
        <source>Put this count instead of the line&apos;s (to correct a mistake).</source>
        <translation>Записать это количество вместо указанного в строке (чтобы исправить ошибку).</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="58"/>
        <source>PLU</source>
        <translation>PLU</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="58"/>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="58"/>
        <source>Counted</source>
        <translation>Посчитано</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="58"/>
        <source>System at count</source>
        <translation>В системе при подсчёте</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="67"/>
        <source>&amp;Code:</source>
        <translation>&amp;Код:</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="69"/>
        <source>Co&amp;unted:</source>
        <translation>По&amp;считано:</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="128"/>
        <source>Count %1 is open. Sales go on while you count; each line is corrected by what was sold after it was counted.</source>
        <translation>Инвентаризация %1 открыта. Продажи во время подсчёта продолжаются; каждая строка корректируется на то, что продано после её подсчёта.</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="171"/>
        <source>%1 is sold by weight: type its weight in kilograms.</source>
        <translation>%1 — весовой товар: введите его вес в килограммах.</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="173"/>
        <source>%1 is counted in pieces: check the count.</source>
        <translation>%1 считается в штуках: проверьте количество.</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="189"/>
        <source>Scan or type the product&apos;s PLU or barcode.</source>
        <translation>Отсканируйте или введите PLU или штрихкод товара.</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="263"/>
        <source>Stocktake %1 — %2: variance sheet</source>
        <translation>Инвентаризация %1 — %2: сличительная ведомость</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="275"/>
        <source>Discard the count</source>
        <translation>Отмена инвентаризации</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeDialog.cpp" line="276"/>
        <source>Discard this count? No stock will change.</source>
        <translation>Отменить эту инвентаризацию? Остатки не изменятся.</translation>
    </message>
</context>
<context>
    <name>shopdesk::StocktakeVarianceDialog</name>
    <message numerus="yes">
        <location filename="../ui/stock/StocktakeVarianceDialog.cpp" line="59"/>
        <source>%Ln line(s) counted, %1 with a difference; value of the differences: %2.</source>
        <translation>
            <numerusform>Посчитана %Ln строка, с разницей: %1; сумма разниц: %2.</numerusform>
            <numerusform>Посчитано %Ln строки, с разницей: %1; сумма разниц: %2.</numerusform>
            <numerusform>Посчитано %Ln строк, с разницей: %1; сумма разниц: %2.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeVarianceDialog.cpp" line="66"/>
        <source>&amp;Commit count</source>
        <translation>&amp;Провести инвентаризацию</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeVarianceDialog.cpp" line="68"/>
        <source>&amp;Back to counting</source>
        <translation>&amp;Вернуться к подсчёту</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeVarianceDialog.cpp" line="69"/>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Экспорт CSV…</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeVarianceDialog.cpp" line="71"/>
        <source>Save as P&amp;DF…</source>
        <translation>Сохранить в P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeVarianceDialog.cpp" line="72"/>
        <source>&amp;Print…</source>
        <translation>П&amp;ечать…</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeVarianceDialog.cpp" line="96"/>
        <location filename="../ui/stock/StocktakeVarianceDialog.cpp" line="112"/>
        <source>Variance sheet saved to %1.</source>
        <translation>Сличительная ведомость сохранена в %1.</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeVarianceDialog.cpp" line="109"/>
        <source>Could not write %1.</source>
        <translation>Не удалось записать %1.</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeVarianceDialog.cpp" line="142"/>
        <source>Export variance sheet</source>
        <translation>Экспорт сличительной ведомости</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeVarianceDialog.cpp" line="143"/>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeVarianceDialog.cpp" line="152"/>
        <source>Save variance sheet</source>
        <translation>Сохранение сличительной ведомости</translation>
    </message>
    <message>
        <location filename="../ui/stock/StocktakeVarianceDialog.cpp" line="153"/>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>shopdesk::SupplierDialog</name>
    <message>
        <location filename="../ui/suppliers/SupplierDialog.cpp" line="29"/>
        <source>New supplier</source>
        <translation>Новый поставщик</translation>
    </message>
    <message>
        <location filename="../ui/suppliers/SupplierDialog.cpp" line="34"/>
        <source>INN or VAT number</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../ui/suppliers/SupplierDialog.cpp" line="36"/>
        <source>people, phones, e-mail</source>
        <translation>люди, телефоны, e-mail</translation>
    </message>
    <message>
        <location filename="../ui/suppliers/SupplierDialog.cpp" line="41"/>
        <source>&amp;Name:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <location filename="../ui/suppliers/SupplierDialog.cpp" line="42"/>
        <source>&amp;Tax id:</source>
        <translation>&amp;ИНН:</translation>
    </message>
    <message>
        <location filename="../ui/suppliers/SupplierDialog.cpp" line="43"/>
        <source>&amp;Contacts:</source>
        <translation>&amp;Контакты:</translation>
    </message>
</context>
<context>
    <name>shopdesk::SyncEngine</name>
    <message>
        <location filename="../app/sync/SyncEngine.cpp" line="34"/>
        <source>central is unreachable: %1</source>
        <translation>центральный сервер недоступен: %1</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncEngine.cpp" line="35"/>
        <source>central answered %1: %2</source>
        <translation>центральный сервер ответил %1: %2</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncEngine.cpp" line="104"/>
        <source>The shop&apos;s products and stock could not be queued for central: %1</source>
        <translation>Не удалось поставить товары и остатки магазина в очередь для центрального сервера: %1</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncEngine.cpp" line="159"/>
        <source>The outbox cannot be read: %1</source>
        <translation>Не удаётся прочитать очередь исходящих событий: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/sync/SyncEngine.cpp" line="183"/>
        <source>central&apos;s answer does not acknowledge the %Ln event(s) sent</source>
        <translation>
            <numerusform>ответ центрального сервера не подтверждает %Ln отправленное событие</numerusform>
            <numerusform>ответ центрального сервера не подтверждает %Ln отправленных события</numerusform>
            <numerusform>ответ центрального сервера не подтверждает %Ln отправленных событий</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/sync/SyncEngine.cpp" line="221"/>
        <source>Could not record central&apos;s answer: %1</source>
        <translation>Не удалось сохранить ответ центрального сервера: %1</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncEngine.cpp" line="253"/>
        <source>The catalog cursor cannot be read: %1</source>
        <translation>Не удаётся прочитать курсор каталога: %1</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncEngine.cpp" line="309"/>
        <source>A catalog page could not be applied: %1</source>
        <translation>Не удалось применить страницу каталога: %1</translation>
    </message>
</context>
<context>
    <name>shopdesk::SyncPage</name>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="52"/>
        <source>&amp;Sync now</source>
        <translation>&amp;Синхронизировать сейчас</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="58"/>
        <source>&amp;Retry refused events</source>
        <translation>&amp;Повторить отклонённые события</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="48"/>
        <source>Sync</source>
        <translation>Синхронизация</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="64"/>
        <source>e.g. https://central.example.com:8443</source>
        <translation>например, https://central.example.com:8443</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="71"/>
        <source>printed by shopdesk-central --issue-token</source>
        <translation>выдаётся командой shopdesk-central --issue-token</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="72"/>
        <source>Save and &amp;connect</source>
        <translation>Сохранить и по&amp;дключиться</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="74"/>
        <source>Central server</source>
        <translation>Центральный сервер</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="76"/>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="77"/>
        <source>Shop &amp;code:</source>
        <translation>&amp;Код магазина:</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="78"/>
        <source>&amp;Token:</source>
        <translation>&amp;Токен:</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="88"/>
        <source>Push the waiting events and pull the catalog now (F9).</source>
        <translation>Отправить ожидающие события и получить каталог сейчас (F9).</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="89"/>
        <source>Send the events central refused once more, after head office did what the Last error column asks. Those refused for a product head office lacked go again by themselves.</source>
        <translation>Отправить отклонённые центральным сервером события ещё раз — после того как головной офис сделал то, о чём говорит столбец «Последняя ошибка». Отклонённые из-за товара, которого не было в головном офисе, отправятся снова сами.</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="92"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="94"/>
        <source>Central:</source>
        <translation>Центральный сервер:</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="95"/>
        <source>Waiting to be sent:</source>
        <translation>Ожидают отправки:</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="96"/>
        <source>Refused by central:</source>
        <translation>Отклонены центральным сервером:</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="97"/>
        <source>Last sync:</source>
        <translation>Последняя синхронизация:</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="98"/>
        <source>Last error:</source>
        <translation>Последняя ошибка:</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="101"/>
        <source>Event</source>
        <translation>Событие</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="101"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="101"/>
        <source>Recorded</source>
        <translation>Записано</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="101"/>
        <source>Attempts</source>
        <translation>Попытки</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="101"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="101"/>
        <source>Last error</source>
        <translation>Последняя ошибка</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="117"/>
        <source>Events not yet acknowledged by central (oldest first, refused ones on top):</source>
        <translation>События, ещё не подтверждённые центральным сервером (сначала самые старые, отклонённые — вверху):</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="161"/>
        <source>not set up: this shop works on its own</source>
        <translation>не настроен: магазин работает самостоятельно</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="163"/>
        <source>syncing…</source>
        <translation>синхронизация…</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="165"/>
        <source>online</source>
        <translation>в сети</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="165"/>
        <source>offline</source>
        <translation>не в сети</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="170"/>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="171"/>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="199"/>
        <source>refused</source>
        <translation>отклонено</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="199"/>
        <source>waiting</source>
        <translation>ожидает</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync/SyncPage.cpp" line="228"/>
        <source>%Ln refused event(s) will be sent again.</source>
        <translation>
            <numerusform>%Ln отклонённое событие будет отправлено снова.</numerusform>
            <numerusform>%Ln отклонённых события будут отправлены снова.</numerusform>
            <numerusform>%Ln отклонённых событий будут отправлены снова.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="247"/>
        <source>URL: &quot;%1&quot; is not an http:// or https:// address of a server.</source>
        <translation>URL: «%1» — не адрес сервера http:// или https://.</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="253"/>
        <source>Token: paste it exactly as shopdesk-central printed it (one word).</source>
        <translation>Токен: вставьте его точно так, как его вывел shopdesk-central (одно слово).</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="261"/>
        <source>Shop code: this till serves %1, whose code is %2; central must know the shop by that code (shopdesk-central --issue-token %2).</source>
        <translation>Код магазина: эта касса обслуживает магазин %1 с кодом %2; центральный сервер должен знать магазин под этим кодом (shopdesk-central --issue-token %2).</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="272"/>
        <source>This shop no longer syncs with central.</source>
        <translation>Этот магазин больше не синхронизируется с центральным сервером.</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="273"/>
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="285"/>
        <source>The token could not be saved: %1</source>
        <translation>Не удалось сохранить токен: %1</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="288"/>
        <source>Saved; connecting to central. The address is plain http://: the token crosses the network unencrypted. Use https:// unless central runs on this computer.</source>
        <translation>Сохранено; подключение к центральному серверу. Адрес — обычный http://: токен передаётся по сети без шифрования. Используйте https://, если центральный сервер работает не на этом компьютере.</translation>
    </message>
    <message>
        <location filename="../ui/sync/SyncPage.cpp" line="293"/>
        <source>Saved; connecting to central.</source>
        <translation>Сохранено; подключение к центральному серверу.</translation>
    </message>
</context>
<context>
    <name>shopdesk::VatRateComboBox</name>
    <message>
        <location filename="../ui/catalog/VatRateComboBox.cpp" line="43"/>
        <source>%1 (no longer offered)</source>
        <translation>%1 (больше не предлагается)</translation>
    </message>
</context>
<context>
    <name>shopdesk::VatRatesDialog</name>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="37"/>
        <source>&amp;Offered for products</source>
        <translation>&amp;Предлагать для товаров</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="38"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="39"/>
        <source>&amp;Delete</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="43"/>
        <source>Goods &amp;without VAT</source>
        <translation>Товары &amp;без НДС</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="44"/>
        <source>&amp;Add</source>
        <translation>&amp;Добавить</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="46"/>
        <source>VAT rates</source>
        <translation>Ставки НДС</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="49"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="49"/>
        <source>Rate</source>
        <translation>Ставка</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="49"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="49"/>
        <source>Offered</source>
        <translation>Предлагается</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="49"/>
        <source>In use</source>
        <translation>Используется</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="60"/>
        <source>A rate no longer offered stays on the products and sales that have it.</source>
        <translation>Ставка, которая больше не предлагается, остаётся у товаров и продаж, где она уже есть.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="64"/>
        <source>Only a rate no product or sale has can be deleted.</source>
        <translation>Удалить можно только ставку, которой нет ни у одного товара и ни в одной продаже.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="65"/>
        <source>Selected rate</source>
        <translation>Выбранная ставка</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="67"/>
        <source>&amp;Name:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="76"/>
        <source>e.g. vat12</source>
        <translation>например, vat12</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="81"/>
        <source>e.g. 12 %</source>
        <translation>например, 12 %</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="83"/>
        <source>e.g. 12 or 12.5</source>
        <translation>например, 12 или 12,5</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="87"/>
        <source>New rate</source>
        <translation>Новая ставка</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="89"/>
        <source>C&amp;ode:</source>
        <translation>&amp;Код:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="90"/>
        <source>Na&amp;me:</source>
        <translation>Наз&amp;вание:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="91"/>
        <source>&amp;Percentage:</source>
        <translation>П&amp;роцент:</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="131"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="131"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="172"/>
        <source>Percentage: type a number such as 20 or 12.5.</source>
        <translation>Процент: введите число, например 20 или 12,5.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="185"/>
        <source>VAT rate %1 added.</source>
        <translation>Ставка НДС %1 добавлена.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="213"/>
        <source>VAT rate %1 saved.</source>
        <translation>Ставка НДС %1 сохранена.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="225"/>
        <source>Delete a VAT rate</source>
        <translation>Удаление ставки НДС</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="226"/>
        <source>Delete the VAT rate %1? No product or sale has it.</source>
        <translation>Удалить ставку НДС %1? Её нет ни у одного товара и ни в одной продаже.</translation>
    </message>
    <message>
        <location filename="../ui/catalog/VatRatesDialog.cpp" line="236"/>
        <source>VAT rate %1 deleted.</source>
        <translation>Ставка НДС %1 удалена.</translation>
    </message>
</context>
<context>
    <name>shopdesk::VoidedSalesDialog</name>
    <message>
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="39"/>
        <source>Voided sales</source>
        <translation>Аннулированные продажи</translation>
    </message>
    <message>
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="42"/>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="43"/>
        <source>Last 7 days</source>
        <translation>Последние 7 дней</translation>
    </message>
    <message>
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="44"/>
        <source>Last 30 days</source>
        <translation>Последние 30 дней</translation>
    </message>
    <message>
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="47"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="47"/>
        <source>Till</source>
        <translation>Касса</translation>
    </message>
    <message>
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="47"/>
        <source>Cashier</source>
        <translation>Кассир</translation>
    </message>
    <message>
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="47"/>
        <source>Lines</source>
        <translation>Строки</translation>
    </message>
    <message>
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="47"/>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="54"/>
        <source>&amp;Period:</source>
        <translation>&amp;Период:</translation>
    </message>
    <message>
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="84"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="110"/>
        <source>%Ln line(s)</source>
        <translation>
            <numerusform>%Ln строка</numerusform>
            <numerusform>%Ln строки</numerusform>
            <numerusform>%Ln строк</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="115"/>
        <source>%1/kg</source>
        <translation>%1/кг</translation>
    </message>
    <message>
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="119"/>
        <source>%1 %2 × %3 at %4</source>
        <translation>%1 %2 × %3 по %4</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="130"/>
        <source>The latest %Ln voided sale(s), %1</source>
        <translation>
            <numerusform>Последняя %Ln аннулированная продажа, %1</numerusform>
            <numerusform>Последние %Ln аннулированные продажи, %1</numerusform>
            <numerusform>Последние %Ln аннулированных продаж, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/orders/VoidedSalesDialog.cpp" line="132"/>
        <source>%Ln voided sale(s), %1</source>
        <translation>
            <numerusform>%Ln аннулированная продажа, %1</numerusform>
            <numerusform>%Ln аннулированные продажи, %1</numerusform>
            <numerusform>%Ln аннулированных продаж, %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shopdesk::WriteOffDialog</name>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="48"/>
        <source>&amp;Remove lines</source>
        <translation>&amp;Удалить строки</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="49"/>
        <source>&amp;Save draft</source>
        <translation>&amp;Сохранить черновик</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="50"/>
        <source>&amp;Post…</source>
        <translation>&amp;Провести…</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="51"/>
        <source>&amp;Discard draft…</source>
        <translation>&amp;Отменить черновик…</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="54"/>
        <source>Write-off</source>
        <translation>Списание</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="69"/>
        <source>where, what happened</source>
        <translation>где, что случилось</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="71"/>
        <source>Rea&amp;son:</source>
        <translation>Прич&amp;ина:</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="74"/>
        <source>N&amp;ote:</source>
        <translation>Приме&amp;чание:</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="82"/>
        <source>Scan a barcode, or type a PLU or a name; 3*code for three</source>
        <translation>Отсканируйте штрихкод или введите PLU или название; 3*код — три штуки</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="86"/>
        <source>&amp;Add goods:</source>
        <translation>&amp;Добавить товар:</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="212"/>
        <source>New write-off</source>
        <translation>Новое списание</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="213"/>
        <source>Write-off No. %1</source>
        <translation>Списание № %1</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="218"/>
        <source>Draft, started by %1</source>
        <translation>Черновик, начал(а) %1</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="223"/>
        <source>Posted %1 by %2</source>
        <translation>Проведено %1, %2</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="225"/>
        <source>Posted %1 by %2, approved by %3</source>
        <translation>Проведено %1, %2, подтвердил(а) %3</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="230"/>
        <source>Discarded draft</source>
        <translation>Черновик отменён</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="276"/>
        <source>No product is called &quot;%1&quot;.</source>
        <translation>Товара с названием «%1» нет.</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="292"/>
        <source>No product has the barcode or PLU %1.</source>
        <translation>Нет товара со штрихкодом или PLU %1.</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="330"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="394"/>
        <source>Draft No. %1 saved.</source>
        <translation>Черновик № %1 сохранён.</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="405"/>
        <source>Add the goods to write off before posting.</source>
        <translation>Добавьте списываемые товары перед проведением.</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="409"/>
        <source>Post the write-off</source>
        <translation>Проведение списания</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/WriteOffDialog.cpp" line="410"/>
        <source>Take %Ln line(s) worth %1 off the shelf of %2 as &quot;%3&quot;? A posted write-off cannot be edited.</source>
        <translation>
            <numerusform>Снять %Ln строку на %1 с полки магазина «%2» как «%3»? Проведённое списание нельзя изменить.</numerusform>
            <numerusform>Снять %Ln строки на %1 с полки магазина «%2» как «%3»? Проведённое списание нельзя изменить.</numerusform>
            <numerusform>Снять %Ln строк на %1 с полки магазина «%2» как «%3»? Проведённое списание нельзя изменить.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="422"/>
        <source>Write-off worth %1, more than %2: a manager approves it with their login and password or PIN.</source>
        <translation>Списание на %1 — больше %2: его подтверждает менеджер логином и паролем или PIN.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/WriteOffDialog.cpp" line="454"/>
        <source>Write-off No. %1 posted: %Ln line(s) taken off the shelf.</source>
        <translation>
            <numerusform>Списание № %1 проведено: %Ln строка снята с полки.</numerusform>
            <numerusform>Списание № %1 проведено: %Ln строки сняты с полки.</numerusform>
            <numerusform>Списание № %1 проведено: %Ln строк снято с полки.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="466"/>
        <source>Discard the draft</source>
        <translation>Отмена черновика</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="467"/>
        <source>Discard draft No. %1? Nothing has left the shelf; it stays in the list as discarded.</source>
        <translation>Отменить черновик № %1? С полки ничего не снято; в списке он останется как отменённый.</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="480"/>
        <source>Draft No. %1 discarded.</source>
        <translation>Черновик № %1 отменён.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/WriteOffDialog.cpp" line="526"/>
        <source>%Ln line(s), worth %1</source>
        <translation>
            <numerusform>%Ln строка на %1</numerusform>
            <numerusform>%Ln строки на %1</numerusform>
            <numerusform>%Ln строк на %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffDialog.cpp" line="528"/>
        <source> — more than %1: a manager approves it</source>
        <translation> — больше %1: подтверждает менеджер</translation>
    </message>
</context>
<context>
    <name>shopdesk::WriteOffLinesModel</name>
    <message>
        <location filename="../models/documents/WriteOffLinesModel.cpp" line="92"/>
        <source>The shop&apos;s cost per kilogram (the retail price when no cost is known)</source>
        <translation>Себестоимость килограмма в магазине (розничная цена, если себестоимость неизвестна)</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffLinesModel.cpp" line="94"/>
        <source>The shop&apos;s cost (the retail price when no cost is known)</source>
        <translation>Себестоимость в магазине (розничная цена, если себестоимость неизвестна)</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffLinesModel.cpp" line="123"/>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffLinesModel.cpp" line="125"/>
        <source>PLU</source>
        <translation>PLU</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffLinesModel.cpp" line="127"/>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffLinesModel.cpp" line="129"/>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffLinesModel.cpp" line="131"/>
        <source>On shelf</source>
        <translation>На полке</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffLinesModel.cpp" line="133"/>
        <source>Cost</source>
        <translation>Себестоимость</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffLinesModel.cpp" line="135"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffLinesModel.cpp" line="159"/>
        <source>Line %1: type the weight in kilograms, for example 1.250.</source>
        <translation>Строка %1: введите вес в килограммах, например 1,250.</translation>
    </message>
    <message>
        <location filename="../models/documents/WriteOffLinesModel.cpp" line="161"/>
        <source>Line %1: type the quantity as a whole number.</source>
        <translation>Строка %1: введите количество целым числом.</translation>
    </message>
</context>
<context>
    <name>shopdesk::WriteOffSettingsDialog</name>
    <message>
        <location filename="../ui/documents/WriteOffSettingsDialog.cpp" line="32"/>
        <source>Write-offs</source>
        <translation>Списания</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffSettingsDialog.cpp" line="34"/>
        <source>Reason (tick: offered)</source>
        <translation>Причина (галочка: предлагается)</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffSettingsDialog.cpp" line="41"/>
        <source>A&amp;dd</source>
        <translation>До&amp;бавить</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffSettingsDialog.cpp" line="47"/>
        <source>&amp;New reason:</source>
        <translation>&amp;Новая причина:</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffSettingsDialog.cpp" line="52"/>
        <source>&amp;Set</source>
        <translation>&amp;Установить</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffSettingsDialog.cpp" line="61"/>
        <source>A manager &amp;approves above:</source>
        <translation>Менеджер &amp;подтверждает свыше:</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffSettingsDialog.cpp" line="145"/>
        <source>Reason &quot;%1&quot; added.</source>
        <translation>Причина «%1» добавлена.</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffSettingsDialog.cpp" line="157"/>
        <source>Approval threshold: &quot;%1&quot; is not an amount (e.g. 1000.00).</source>
        <translation>Порог подтверждения: «%1» — не сумма (например, 1000,00).</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffSettingsDialog.cpp" line="168"/>
        <source>Write-offs worth more than %1 now need a manager&apos;s approval.</source>
        <translation>Списания дороже %1 теперь подтверждает менеджер.</translation>
    </message>
</context>
<context>
    <name>shopdesk::WriteOffsDialog</name>
    <message>
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="37"/>
        <source>Write-offs — %1</source>
        <translation>Списания — %1</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="40"/>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="40"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="40"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="40"/>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="40"/>
        <source>Lines</source>
        <translation>Строки</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="41"/>
        <source>Value</source>
        <translation>Стоимость</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="41"/>
        <source>Created</source>
        <translation>Создан</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="41"/>
        <source>Posted</source>
        <translation>Проведён</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="41"/>
        <source>Approved by</source>
        <translation>Подтвердил</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="50"/>
        <source>&amp;New…</source>
        <translation>&amp;Создать…</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="57"/>
        <source>&amp;Open…</source>
        <translation>&amp;Открыть…</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="82"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="105"/>
        <source>discarded</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="114"/>
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="117"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="130"/>
        <source>%Ln write-off(s)</source>
        <translation>
            <numerusform>%Ln списание</numerusform>
            <numerusform>%Ln списания</numerusform>
            <numerusform>%Ln списаний</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/documents/WriteOffsDialog.cpp" line="131"/>
        <source>, %Ln draft(s) to finish</source>
        <translation>
            <numerusform>, %Ln черновик не проведён</numerusform>
            <numerusform>, %Ln черновика не проведены</numerusform>
            <numerusform>, %Ln черновиков не проведены</numerusform>
        </translation>
    </message>
</context>
</TS>
