// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace mcpdesk {

// Where secrets live: tokens, refresh tokens, client secrets, secret headers.
// Asynchronous, because the OS keychain is. Keys are built with makeKey().
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(bool ok, const QString &error)>;
    // value is nullopt when there is no such entry (error empty) or on failure (error set)
    using Got = std::function<void(std::optional<QByteArray> value, const QString &error)>;

    using QObject::QObject;
    virtual void write(const QString &key, const QByteArray &value, Done done) = 0;
    virtual void read(const QString &key, Got got) = 0;
    virtual void remove(const QString &key, Done done) = 0;
    // False for a store that forgets everything when the program ends.
    virtual bool isPersistent() const = 0;

    // "<server>|<issuer>|<kind>", kind one of access_token, refresh_token,
    // client_secret, registration, header:<name>, env:<name>, bearer.
    static QString makeKey(const QString &server, const QString &issuer, const QString &kind);

    // Blocking helpers for command-line use: run a nested event loop.
    std::optional<QByteArray> readNow(const QString &key, QString *error = nullptr);
    bool writeNow(const QString &key, const QByteArray &value, QString *error = nullptr);
    bool removeNow(const QString &key, QString *error = nullptr);
};

// The OS keychain through qtkeychain (Secret Service on Linux). Never falls back
// to a plaintext file.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(const QString &service = QStringLiteral("McpDesk"),
                                 QObject *parent = nullptr);
    void write(const QString &key, const QByteArray &value, Done done) override;
    void read(const QString &key, Got got) override;
    void remove(const QString &key, Done done) override;
    bool isPersistent() const override { return true; }

private:
    QString m_service;
};

// Secrets for this run only: used when there is no keychain, and by tests.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;
    void write(const QString &key, const QByteArray &value, Done done) override;
    void read(const QString &key, Got got) override;
    void remove(const QString &key, Done done) override;
    bool isPersistent() const override { return false; }

private:
    QHash<QString, QByteArray> m_values;
};

} // namespace mcpdesk
