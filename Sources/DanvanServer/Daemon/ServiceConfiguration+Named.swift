import ServiceLifecycle

extension ServiceGroupConfiguration.ServiceConfiguration {
    /// `service` in the group under its type's name (`CommitService`, `SocketServer`).
    ///
    /// ServiceLifecycle otherwise names a service `"\(service)"`: the whole struct, its engine,
    /// configuration and loggers included, printed into the `sl-service` metadata of every
    /// start and stop line at debug level (800 to 1,400 characters each).
    public static func named(_ service: any Service) -> Self {
        .init(service: service, serviceName: String(describing: type(of: service)))
    }
}
