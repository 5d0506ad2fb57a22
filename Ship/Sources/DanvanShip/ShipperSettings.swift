/// What one shipper ships, from where, to where.
public struct ShipperSettings: Sendable {
    /// danvand's socket.
    public var socketPath: String
    /// The province's code (the `province` column; its province unit's code).
    public var province: String
    /// The national database.
    public var database: DatabaseURL
    /// Most events in one transaction.
    public var batchSize: Int
    /// Retry waits.
    public var backoff: Backoff

    /// Settings.
    public init(socketPath: String, province: String, database: DatabaseURL, batchSize: Int = 1000,
                backoff: Backoff = Backoff()) {
        self.socketPath = socketPath
        self.province = province
        self.database = database
        self.batchSize = batchSize
        self.backoff = backoff
    }
}
