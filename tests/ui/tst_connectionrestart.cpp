#include "TestDatabase.h"
#include "models/core/Sql.h"
#include "models/settings/AppSettings.h"
#include "ui/settings/ConnectionDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// Settings → Change database connection… → PostgreSQL server → Save, then the
// next start of the real `shopdesk`: it must start, reach that server with the
// password the dialog put in libpq's password file, and exit cleanly.
class TestConnectionRestart : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString settingsFile() const { return m_dir.filePath(u"shopdesk.ini"_s); }
    // The data folder of the shopdesk started later. The dialog here works as
    // in that shopdesk, so both use its password file (DIR/pgpass).
    QString dataDir() const { return m_dir.filePath(u"data"_s); }
    QString passFile() const { return dataDir() + u"/pgpass"_s; }
    // An empty XDG_CONFIG_HOME for both: nothing may be read from or written
    // to the user's config folder.
    QString configHome() const { return m_dir.filePath(u"config"_s); }

    static void typeInto(QWidget *field, const QString &text)
    {
        field->setFocus();
        QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(field, Qt::Key_Delete);
        QTest::keyClicks(field, text);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(configHome()));
        QCoreApplication::setOrganizationName(u"ShopDesk"_s);
        QCoreApplication::setApplicationName(u"shopdesk"_s);
        // As shopdesk --data-dir DIR --settings FILE does.
        AppSettings::useDataDir(dataDir());
        AppSettings::setFilePath(settingsFile());
    }

    void nextStartUsesTheServerChosenInTheDialog()
    {
        test::TestDatabase tdb(u"connection_restart"_s);
        QVERIFY2(tdb.isReady(), qPrintable(tdb.errorText()));
        const DbConfig server = tdb.config();

        ConnectionDialog dialog;
        dialog.setConfig(std::nullopt); // as on a till that runs the built-in database
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QRadioButton *serverChoice = nullptr;
        for (auto *radio : dialog.findChildren<QRadioButton *>()) {
            if (radio->text().contains(u"server"_s, Qt::CaseInsensitive))
                serverChoice = radio;
        }
        QVERIFY(serverChoice);
        serverChoice->setFocus();
        QTest::keyClick(serverChoice, Qt::Key_Space);
        QVERIFY(serverChoice->isChecked());
        typeInto(dialog.findChild<QLineEdit *>(u"host"_s), server.host);
        auto *port = dialog.findChild<QSpinBox *>();
        QVERIFY(port);
        typeInto(port, QString::number(server.port));
        QCOMPARE(port->value(), server.port);
        typeInto(dialog.findChild<QLineEdit *>(u"database"_s), server.database);
        typeInto(dialog.findChild<QLineEdit *>(u"user"_s), server.user);
        typeInto(dialog.findChild<QLineEdit *>(u"password"_s), server.password);
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        QTest::mouseClick(buttons->button(QDialogButtonBox::Save), Qt::LeftButton);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));

        // The address went into the settings, the password into the password file only.
        const QString savedUrl =
            QSettings(settingsFile(), QSettings::IniFormat).value(u"database/url"_s).toString();
        QVERIFY2(savedUrl.contains(server.database), qPrintable(savedUrl));
        // (The pg fixture's server has one; a SHOPDESK_TEST_DB without one
        // still takes the crashing path: a saved server always gets a passfile.)
        if (!server.password.isEmpty()) {
            QVERIFY(!savedUrl.contains(server.password));
            QFile pgpass(passFile());
            QVERIFY2(pgpass.open(QIODevice::ReadOnly), qPrintable(passFile()));
            QVERIFY(pgpass.readAll().contains(server.password.toUtf8()));
        }

        // A later start, told nothing but the settings file.
        QProcess shopdesk;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"SHOPDESK_DB"_s);
        env.insert(u"XDG_CONFIG_HOME"_s, configHome());
        shopdesk.setProcessEnvironment(env);
        shopdesk.start(
            QStringLiteral(SHOPDESK_BIN_DIR "/shopdesk"),
            {u"--settings"_s, settingsFile(), u"--setup-only"_s, u"--data-dir"_s, dataDir()});
        QVERIFY2(shopdesk.waitForFinished(300000), "shopdesk did not finish within 5 minutes");
        const QString out = QString::fromLocal8Bit(shopdesk.readAllStandardOutput());
        const QString err = QString::fromLocal8Bit(shopdesk.readAllStandardError());
        QVERIFY2(shopdesk.exitStatus() == QProcess::NormalExit,
                 qPrintable(u"shopdesk crashed: "_s + err + out));
        QVERIFY2(shopdesk.exitCode() == 0, qPrintable(err + out));
        QVERIFY2(out.contains(server.database), qPrintable(out));

        // It prepared that database, not a built-in one of its own.
        QVERIFY(!QDir(dataDir() + u"/cluster"_s).exists());
        QVERIFY(!QDir(configHome() + u"/ShopDesk"_s).exists());
        const auto migrations = Sql::scalar(tdb.db(), u"SELECT count(*) FROM schema_migrations"_s);
        QVERIFY(migrations.ok());
        QVERIFY(migrations.value().toInt() > 0);
    }
};

QTEST_MAIN(TestConnectionRestart)
#include "tst_connectionrestart.moc"
