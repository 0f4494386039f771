// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLockFile>
#include <QString>

#include <algorithm>

namespace mcpdesk {

// The lock beside a store file (servers.json, signins.json, eras.json), held for a
// read-modify-write that takes milliseconds. A lock left by a process that died is
// taken over: at once when its owner's pid is gone, and by age when the process died
// between creating the lock file and writing its pid into it (an empty lock file).
// The wait is longer than that age, so such a lock never stops a save.
inline constexpr int kStoreLockStaleMs = 4000;
inline constexpr int kStoreLockWaitMs = 8000;

inline bool lockStore(QLockFile &lock, int waitMs = kStoreLockWaitMs)
{
    lock.setStaleLockTime(kStoreLockStaleMs);
    return lock.tryLock(std::max(waitMs, kStoreLockStaleMs * 2));
}

} // namespace mcpdesk
