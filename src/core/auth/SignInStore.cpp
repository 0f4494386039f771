// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "SignInStore.h"

#include "util/StoreLock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>

namespace mcpdesk {

SignInStore::SignInStore(const QString &path) : m_path(path.isEmpty() ? defaultPath() : path) {}

QString SignInStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/McpDesk/signins.json");
}

QJsonObject SignInStore::read() const
{
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly))
        return QJsonObject();
    return QJsonDocument::fromJson(f.readAll()).object();
}

QJsonObject SignInStore::signIn(const QString &serverKey) const
{
    return read().value(QStringLiteral("signins")).toObject().value(serverKey).toObject();
}

QJsonObject SignInStore::registration(const QString &issuer) const
{
    return read().value(QStringLiteral("registrations")).toObject().value(issuer).toObject();
}

bool SignInStore::update(const QString &section, const QString &key, const QJsonObject *value,
                         QString *error)
{
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        if (error)
            *error = QCoreApplication::translate("SignInStore", "Cannot create the folder %1.")
                         .arg(info.absolutePath());
        return false;
    }
    QLockFile lock(m_path + QStringLiteral(".lock"));
    if (!lockStore(lock)) {
        if (error)
            *error = QCoreApplication::translate("SignInStore", "Cannot lock %1.").arg(m_path);
        return false;
    }
    QJsonObject root = read();
    QJsonObject sec = root.value(section).toObject();
    if (value)
        sec.insert(key, *value);
    else
        sec.remove(key);
    root.insert(section, sec);
    QSaveFile out(m_path);
    const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
        if (error)
            *error = QCoreApplication::translate("SignInStore", "Cannot save %1: %2")
                         .arg(m_path, out.errorString());
        return false;
    }
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

bool SignInStore::setSignIn(const QString &serverKey, const QJsonObject &facts, QString *error)
{
    return update(QStringLiteral("signins"), serverKey, &facts, error);
}

bool SignInStore::removeSignIn(const QString &serverKey, QString *error)
{
    return update(QStringLiteral("signins"), serverKey, nullptr, error);
}

bool SignInStore::setRegistration(const QString &issuer, const QJsonObject &registration,
                                  QString *error)
{
    return update(QStringLiteral("registrations"), issuer, &registration, error);
}

bool SignInStore::removeRegistration(const QString &issuer, QString *error)
{
    return update(QStringLiteral("registrations"), issuer, nullptr, error);
}

} // namespace mcpdesk
