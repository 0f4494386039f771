// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// SecretStore against a real gnome-keyring (scripts/dev.sh test runs the suite in
// a throwaway D-Bus session with one), and without any keychain at all.
#include "auth/SecretStore.h"

#include <QCoreApplication>
#include <QTest>
#include <QUuid>

using namespace mcpdesk;

class TestSecretStore : public QObject
{
    Q_OBJECT
private slots:
    void keychainRoundTrip()
    {
        if (qEnvironmentVariableIsSet("MCPDESK_EXPECT_NO_KEYCHAIN")) {
            // The no-keychain run: every operation fails with words, nothing is kept anywhere.
            KeychainSecretStore store(QStringLiteral("McpDesk-test"));
            QString error;
            QVERIFY(!store.writeNow(QStringLiteral("k"), "v", &error));
            QVERIFY2(error.contains(QStringLiteral("keychain")), qPrintable(error));
            QVERIFY(!store.readNow(QStringLiteral("k"), &error).has_value());
            QVERIFY(!error.isEmpty());
            return;
        }
        KeychainSecretStore store(QStringLiteral("McpDesk-test"));
        const QString key =
            SecretStore::makeKey(QStringLiteral("http://127.0.0.1:1/mcp"),
                                 QStringLiteral("http://issuer"), QStringLiteral("access_token")) +
            QUuid::createUuid().toString();
        QString error;
        QVERIFY2(store.writeNow(key, "first-secret", &error), qPrintable(error));
        QCOMPARE(store.readNow(key, &error).value_or("(missing)"), QByteArray("first-secret"));
        QVERIFY2(store.writeNow(key, QByteArray("replaced\0binary", 15), &error),
                 qPrintable(error));
        QCOMPARE(store.readNow(key, &error).value_or("(missing)"),
                 QByteArray("replaced\0binary", 15));
        // A second store object (as another process would) sees the same entry.
        KeychainSecretStore other(QStringLiteral("McpDesk-test"));
        QCOMPARE(other.readNow(key).value_or("(missing)"), QByteArray("replaced\0binary", 15));
        QVERIFY2(store.removeNow(key, &error), qPrintable(error));
        QVERIFY(!store.readNow(key, &error).has_value());
        QVERIFY2(error.isEmpty(), qPrintable(error)); // gone, not failed
        QVERIFY(store.removeNow(key, &error));        // removing twice is fine
    }

    void memoryStore()
    {
        MemorySecretStore store;
        QVERIFY(!store.isPersistent());
        QVERIFY(store.writeNow(QStringLiteral("a"), "1"));
        QCOMPARE(store.readNow(QStringLiteral("a")).value(), QByteArray("1"));
        QVERIFY(store.removeNow(QStringLiteral("a")));
        QVERIFY(!store.readNow(QStringLiteral("a")).has_value());
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
