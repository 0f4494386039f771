// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "SecretStore.h"

#include <QEventLoop>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace mcpdesk {

QString SecretStore::makeKey(const QString &server, const QString &issuer, const QString &kind)
{
    return server + QLatin1Char('|') + issuer + QLatin1Char('|') + kind;
}

namespace {
// Runs one asynchronous store call and waits for its answer (it may answer at once).
template <typename Start> void waitForAnswer(Start start)
{
    QEventLoop loop;
    bool finished = false;
    start([&] {
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
}
} // namespace

std::optional<QByteArray> SecretStore::readNow(const QString &key, QString *error)
{
    std::optional<QByteArray> out;
    waitForAnswer([&](auto answered) {
        read(key, [&, answered](std::optional<QByteArray> value, const QString &e) {
            out = std::move(value);
            if (error)
                *error = e;
            answered();
        });
    });
    return out;
}

bool SecretStore::writeNow(const QString &key, const QByteArray &value, QString *error)
{
    bool result = false;
    waitForAnswer([&](auto answered) {
        write(key, value, [&, answered](bool ok, const QString &e) {
            result = ok;
            if (error)
                *error = e;
            answered();
        });
    });
    return result;
}

bool SecretStore::removeNow(const QString &key, QString *error)
{
    bool result = false;
    waitForAnswer([&](auto answered) {
        remove(key, [&, answered](bool ok, const QString &e) {
            result = ok;
            if (error)
                *error = e;
            answered();
        });
    });
    return result;
}

// ---------------------------------------------------------------- keychain

namespace {
QString describe(QKeychain::Job *job)
{
    switch (job->error()) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::OtherError:
        return KeychainSecretStore::tr("The system keychain is not available (%1).")
            .arg(job->errorString());
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return KeychainSecretStore::tr("The system keychain refused access (%1).")
            .arg(job->errorString());
    default:
        return KeychainSecretStore::tr("The system keychain failed: %1").arg(job->errorString());
    }
}
} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent), m_service(service)
{
}

void KeychainSecretStore::write(const QString &key, const QByteArray &value, Done done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext file
    job->setKey(key);
    job->setBinaryData(value);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *j) {
        if (done)
            done(j->error() == QKeychain::NoError,
                 j->error() == QKeychain::NoError ? QString() : describe(j));
    });
    job->start();
}

void KeychainSecretStore::read(const QString &key, Got got)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [got, job](QKeychain::Job *j) {
        if (!got)
            return;
        if (j->error() == QKeychain::NoError)
            got(job->binaryData(), QString());
        else if (j->error() == QKeychain::EntryNotFound)
            got(std::nullopt, QString());
        else
            got(std::nullopt, describe(j));
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, Done done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *j) {
        const bool ok = j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound;
        if (done)
            done(ok, ok ? QString() : describe(j));
    });
    job->start();
}

// ---------------------------------------------------------------- memory

void MemorySecretStore::write(const QString &key, const QByteArray &value, Done done)
{
    m_values.insert(key, value);
    QTimer::singleShot(0, this, [done] {
        if (done)
            done(true, QString());
    });
}

void MemorySecretStore::read(const QString &key, Got got)
{
    const auto it = m_values.constFind(key);
    std::optional<QByteArray> value;
    if (it != m_values.constEnd())
        value = it.value();
    QTimer::singleShot(0, this, [got, value] {
        if (got)
            got(value, QString());
    });
}

void MemorySecretStore::remove(const QString &key, Done done)
{
    m_values.remove(key);
    QTimer::singleShot(0, this, [done] {
        if (done)
            done(true, QString());
    });
}

} // namespace mcpdesk
