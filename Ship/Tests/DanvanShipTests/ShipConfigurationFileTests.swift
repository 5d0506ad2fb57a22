import DanvanShip
import Testing

@Suite struct ShipConfigurationFileTests {
    @Test func keysValuesCommentsAndQuotes() throws {
        let file = try ShipConfigurationFile(text: """
            # the shipper of Lào Cai
            socket = /run/danvan/danvand.sock
            province = LC   # the province unit's code
            database = "postgresql://ship@db1:5432,db2:5432/danvan?target_session_attrs=read-write"
            batch_size=500

            """)
        #expect(file["socket"] == "/run/danvan/danvand.sock")
        #expect(file["province"] == "LC")
        #expect(file["database"] == "postgresql://ship@db1:5432,db2:5432/danvan?target_session_attrs=read-write")
        #expect(file["batch_size"] == "500")
        #expect(file["log_level"] == nil)
    }

    @Test func unknownKeysAndBadLinesAreRefusedWithTheirLine() {
        #expect(throws: ShipConfigurationError("line 2: unknown key 'provinc'; the keys are socket, province, database, batch_size, log_level")) {
            try ShipConfigurationFile(text: "socket = /s\nprovinc = LC\n")
        }
        #expect(throws: ShipConfigurationError.self) { try ShipConfigurationFile(text: "province LC\n") }
    }
}
