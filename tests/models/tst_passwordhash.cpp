#include "models/staff/PasswordHash.h"

#include <QTest>

using namespace Qt::StringLiterals;
namespace PasswordHash = shopdesk::PasswordHash;

class TestPasswordHash : public QObject
{
    Q_OBJECT
private slots:
    void rightPasswordAccepted()
    {
        const QString stored = PasswordHash::hash(u"correct horse"_s);
        QVERIFY(PasswordHash::verify(u"correct horse"_s, stored));
    }

    void wrongPasswordRefused()
    {
        const QString stored = PasswordHash::hash(u"correct horse"_s);
        QVERIFY(!PasswordHash::verify(u"correct hors"_s, stored));
        QVERIFY(!PasswordHash::verify(u"Correct horse"_s, stored));
        QVERIFY(!PasswordHash::verify(QString(), stored));
    }

    void storedFormIsSaltedPbkdf2()
    {
        const QString a = PasswordHash::hash(u"same"_s);
        const QString b = PasswordHash::hash(u"same"_s);
        QVERIFY2(a != b, "the same password must hash differently (random salt)");
        const QStringList parts = a.split(u'$');
        QCOMPARE(parts.size(), 4);
        QCOMPARE(parts.at(0), u"pbkdf2-sha256"_s);
        QVERIFY(parts.at(1).toInt() >= 100000);
        QCOMPARE(QByteArray::fromBase64(parts.at(2).toLatin1()).size(), 16); // salt
        QCOMPARE(QByteArray::fromBase64(parts.at(3).toLatin1()).size(), 32); // SHA-256 key
    }

    void unicodePasswords()
    {
        const QString stored = PasswordHash::hash(u"пароль-кассира"_s);
        QVERIFY(PasswordHash::verify(u"пароль-кассира"_s, stored));
        QVERIFY(!PasswordHash::verify(u"пароль-кассирa"_s, stored)); // Latin 'a' at the end
    }

    void malformedStoredHashRefused()
    {
        QVERIFY(!PasswordHash::verify(u"x"_s, QString()));
        QVERIFY(!PasswordHash::verify(u"x"_s, u"plain-text"_s));
        QVERIFY(!PasswordHash::verify(u"x"_s, u"pbkdf2-sha256$abc$AAAA$AAAA"_s));
        QVERIFY(!PasswordHash::verify(u"x"_s, u"md5$1$AAAA$AAAA"_s));
    }

    void weakerHashesNeedRehash()
    {
        QVERIFY(PasswordHash::needsRehash(PasswordHash::hash(u"x"_s, 1000)));
        QVERIFY(!PasswordHash::needsRehash(PasswordHash::hash(u"x"_s)));
        QVERIFY(PasswordHash::verify(u"x"_s, PasswordHash::hash(u"x"_s, 1000)));
    }
};

QTEST_GUILESS_MAIN(TestPasswordHash)
#include "tst_passwordhash.moc"
