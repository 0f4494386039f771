// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "EndpointSpec.h"

#include <QList>
#include <QSslCertificate>

namespace mcpdesk {

class Transport;

// A new, unopened transport of the kind `spec` names (its certificates read from
// `spec.caFile`). The session that uses it is made in protocol/ (McpSession::create).
Transport *createTransport(const EndpointSpec &spec);

// The certificate authorities in a PEM file (a server's "extra CA to trust"); none
// for an empty path, and a warning in the log when the file gives none.
QList<QSslCertificate> readCertificates(const QString &pemFile);

} // namespace mcpdesk
