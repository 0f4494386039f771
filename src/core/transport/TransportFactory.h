// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "EndpointSpec.h"

namespace mcpdesk {

class Transport;

// A new, unopened transport of the kind `spec` names (its certificates read from
// `spec.caFile`). The session that uses it is made in protocol/ (McpSession::create).
Transport *createTransport(const EndpointSpec &spec);

} // namespace mcpdesk
