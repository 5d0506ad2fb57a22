import Foundation
import Testing

@testable import DanvanStorage

/// The state directory lock: one holder at a time, created on demand.
@Suite struct DirectoryLockTests {
    @Test func secondLockOnTheSameDirectoryFails() throws {
        let directory = try TemporaryDirectory()
        let lock = try DirectoryLock.acquire(directory: directory.path)
        #expect(lock.isHeld)
        let error = expectStorageError(.locked) { _ = try DirectoryLock.acquire(directory: directory.path) }
        #expect(error?.path == directory.path + "/LOCK")
        #expect(
            error?.message
                == "another danvand holds the lock on \(directory.path)/LOCK; stop it or choose another --state-dir"
        )
        lock.release()
        #expect(!lock.isHeld)
        let again = try DirectoryLock.acquire(directory: directory.path)
        #expect(again.isHeld)
    }

    @Test func lockIsReleasedOnDeinit() throws {
        let directory = try TemporaryDirectory()
        do {
            let lock = try DirectoryLock.acquire(directory: directory.path)
            #expect(lock.isHeld)
        }
        let again = try DirectoryLock.acquire(directory: directory.path)
        #expect(again.isHeld)
    }

    @Test func missingDirectoryIsCreatedWithMode0750() throws {
        let directory = try TemporaryDirectory()
        let state = directory.path + "/nested/state"
        let lock = try DirectoryLock.acquire(directory: state)
        let attributes = try FileManager.default.attributesOfItem(atPath: state)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o750)
        #expect(FileManager.default.fileExists(atPath: state + "/LOCK"))
        lock.release()
    }

    @Test func lockDoesNotStopTheLogFromOpening() throws {
        let directory = try TemporaryDirectory()
        let lock = try DirectoryLock.acquire(directory: directory.path)
        let (log, _) = try openLog(directory)
        try log.append(makeRecords(1...3))
        try log.sync()
        #expect(try log.snapshot().records() == makeRecords(1...3))
        lock.release()
    }
}
