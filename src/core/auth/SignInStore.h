// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QString>

namespace mcpdesk {

// The non-secret facts of sign-ins, next to servers.json (signins.json):
// per server, the issuer, client id, endpoints, scopes requested and granted,
// expiry, token type, whether a refresh token exists, last refresh; per
// authorization server, the client registration (its id; a secret, if any, is in
// the keychain). Saved atomically under a lock; each save re-reads the file and
// changes only its own entry.
class SignInStore
{
public:
    explicit SignInStore(const QString &path = QString()); // empty: the default path
    static QString defaultPath();
    QString path() const { return m_path; }

    QJsonObject signIn(const QString &serverKey) const;
    bool setSignIn(const QString &serverKey, const QJsonObject &facts, QString *error = nullptr);
    bool removeSignIn(const QString &serverKey, QString *error = nullptr);

    QJsonObject registration(const QString &issuer) const;
    bool setRegistration(const QString &issuer, const QJsonObject &registration,
                         QString *error = nullptr);
    bool removeRegistration(const QString &issuer, QString *error = nullptr);

private:
    QJsonObject read() const;
    bool update(const QString &section, const QString &key, const QJsonObject *value,
                QString *error);
    QString m_path;
};

} // namespace mcpdesk
