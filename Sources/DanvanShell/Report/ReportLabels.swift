/// The words of a report in Vietnamese and in English, in one place: headings, figure
/// names, levels, works, fields, statuses. Names of units, campaigns and opinions are the
/// daemon's, as registered, in either language.
struct ReportLabels: Sendable {
    /// The language.
    var language: ReportLanguage

    /// The fixed words.
    enum Key: Sendable, CaseIterable {
        case reportTitle, allProvinces, unit, period, comparedWith, asOf, recordedAt, beforeFirstEvent, madeAt
        case fromDay, toDay, allDates, figure, value, change, total, ownEvents, code, none
        case figuresTable, unitsTable, campaignsTable, progressTable, opinionsTable, fieldsTable, coverageTable, modelsTable
        case chartLand, chartFunds, chartAnswered, monthsTable, month, chartLandMonths, chartFundsMonths, cumulative
        case campaign, title, kind, startedOn, closedOn, status, target, targetValue, achieved, ratio
        case heldOn, ageDays, topic, text, model, field, registeredOn, models
        case opinionsCut, noRows, boundaries
    }

    /// A fixed word or heading.
    func text(_ key: Key) -> String {
        let (vi, en) = Self.words(key)
        return language == .vi ? vi : en
    }

    /// The Vietnamese and English of a fixed word.
    static func words(_ key: Key) -> (String, String) {
        switch key {
        case .reportTitle: return ("Báo cáo công tác dân vận", "Mass mobilisation report")
        case .allProvinces: return ("Tất cả các tỉnh", "All provinces")
        case .unit: return ("Đơn vị", "Unit")
        case .period: return ("Kỳ báo cáo", "Period")
        case .comparedWith: return ("So với kỳ", "Compared with")
        case .asOf: return ("Số liệu tính đến", "Figures as of")
        case .recordedAt: return ("ghi lúc", "recorded")
        case .beforeFirstEvent: return ("trước sự kiện đầu tiên", "before the first event")
        case .madeAt: return ("Lập lúc", "Made")
        case .fromDay: return ("từ", "from")
        case .toDay: return ("đến", "up to")
        case .allDates: return ("mọi ngày", "all dates")
        case .figure: return ("Chỉ tiêu", "Figure")
        case .value: return ("Kết quả", "Value")
        case .change: return ("Tăng/giảm", "Change")
        case .total: return ("Tổng cộng", "Total")
        case .ownEvents: return ("Tại cấp", "At the unit itself:")
        case .code: return ("Mã", "Code")
        case .none: return ("Không có", "None")
        case .figuresTable: return ("Kết quả chung", "Figures")
        case .unitsTable: return ("Kết quả theo đơn vị trực thuộc", "By unit")
        case .campaignsTable: return ("Phong trào, cuộc vận động", "Campaigns")
        case .progressTable: return ("Tiến độ so với chỉ tiêu", "Progress against targets")
        case .opinionsTable: return ("Ý kiến chưa được trả lời", "Opinions not yet answered")
        case .fieldsTable: return ("Mô hình \u{201C}Dân vận khéo\u{201D} theo lĩnh vực", "\u{201C}Dân vận khéo\u{201D} models by field")
        case .coverageTable: return ("Tỷ lệ xã có mô hình theo đơn vị", "Communes with models, by unit")
        case .modelsTable: return ("Danh sách mô hình", "Models")
        case .chartLand: return ("Diện tích đất hiến theo đơn vị (m²)", "Land donated by unit (m²)")
        case .chartFunds: return ("Kinh phí đóng góp theo đơn vị (đồng)", "Funds by unit (VND)")
        case .chartAnswered: return ("Tỷ lệ trả lời ý kiến theo đơn vị", "Opinions answered, by unit")
        case .monthsTable: return ("Kết quả theo tháng", "Month by month")
        case .month: return ("Tháng", "Month")
        case .chartLandMonths: return ("Diện tích đất hiến lũy kế theo tháng (m²)", "Land donated to date, month by month (m²)")
        case .chartFundsMonths: return ("Kinh phí đóng góp lũy kế theo tháng (đồng)", "Funds to date, month by month (VND)")
        case .cumulative: return ("lũy kế", "to date")
        case .campaign: return ("Mã phong trào", "Campaign")
        case .title: return ("Tên", "Title")
        case .kind: return ("Loại", "Kind")
        case .startedOn: return ("Ngày phát động", "Started")
        case .closedOn: return ("Ngày kết thúc", "Closed")
        case .status: return ("Trạng thái", "Status")
        case .target: return ("Chỉ tiêu", "Target")
        case .targetValue: return ("Kế hoạch", "Planned")
        case .achieved: return ("Thực hiện", "Achieved")
        case .ratio: return ("Tỷ lệ đạt", "Achieved (%)")
        case .heldOn: return ("Ngày đối thoại", "Held on")
        case .ageDays: return ("Số ngày", "Age (days)")
        case .topic: return ("Chủ đề", "Topic")
        case .text: return ("Nội dung", "Text")
        case .model: return ("Mã mô hình", "Model")
        case .field: return ("Lĩnh vực", "Field")
        case .registeredOn: return ("Ngày đăng ký", "Registered")
        case .models: return ("Số mô hình", "Models")
        case .opinionsCut: return ("Danh sách chỉ nêu", "Only the first")
        case .noRows: return ("(không có)", "(none)")
        case .boundaries: return ("Ranh giới đơn vị", "Boundaries")
        }
    }

    /// A figure's name by the protocol's key ("landDonatedM2", "works.road.lengthKm",
    /// "opinions.answeredRate"); the key itself when it has none.
    func figure(_ key: String) -> String {
        if let (vi, en) = Self.figures[key] { return language == .vi ? vi : en }
        let parts = key.split(separator: ".").map(String.init)
        if parts.count == 3, parts[0] == "works" {
            return works(parts[1]) + ": " + figure("works." + parts[2])
        }
        if parts.count == 3, parts[0] == "models", parts[1] == "byField" {
            return figure("models.total") + ": " + field(parts[2])
        }
        return key
    }

    static let figures: [String: (String, String)] = [
        "landDonatedM2": ("Diện tích đất hiến (m²)", "Land donated (m²)"),
        "donorHouseholds": ("Số hộ hiến đất", "Donor households"),
        "assetsVnd": ("Giá trị tài sản trên đất (đồng)", "Assets on the land (VND)"),
        "fundsVnd": ("Kinh phí đóng góp (đồng)", "Funds contributed (VND)"),
        "workdays": ("Ngày công", "Workdays"),
        "works.count": ("số công trình", "count"),
        "works.lengthKm": ("chiều dài (km)", "length (km)"),
        "works.valueVnd": ("giá trị (đồng)", "value (VND)"),
        "roadsKm": ("Đường giao thông (km)", "Roads (km)"),
        "campaigns.launched": ("Phong trào, cuộc vận động phát động", "Campaigns launched"),
        "campaigns.active": ("Đang triển khai", "Campaigns active"),
        "campaigns.closed": ("Đã kết thúc", "Campaigns closed"),
        "dialogues.held": ("Số cuộc đối thoại", "Dialogues held"),
        "dialogues.periodic": ("Đối thoại định kỳ", "Periodic dialogues"),
        "dialogues.adHoc": ("Đối thoại đột xuất", "Ad hoc dialogues"),
        "opinions.received": ("Ý kiến tiếp nhận", "Opinions received"),
        "opinions.answered": ("Ý kiến đã trả lời", "Opinions answered"),
        "opinions.answeredRate": ("Tỷ lệ trả lời", "Answered rate"),
        "models.total": ("Mô hình \u{201C}Dân vận khéo\u{201D}", "\u{201C}Dân vận khéo\u{201D} models"),
        "models.communes": ("Số xã", "Communes"),
        "models.communesWithModels": ("Số xã có mô hình", "Communes with models"),
        "models.adoptionRate": ("Tỷ lệ xã có mô hình", "Communes with models (%)"),
    ]

    /// A kind of works ("road").
    func works(_ kind: String) -> String {
        let names: [String: (String, String)] = [
            "road": ("Đường giao thông", "Roads"), "border_road": ("Đường tuần tra biên giới", "Border roads"),
            "house": ("Nhà ở", "Houses"), "lighting": ("Đèn chiếu sáng", "Lighting"), "other": ("Công trình khác", "Other works"),
        ]
        guard let (vi, en) = names[kind] else { return kind }
        return language == .vi ? vi : en
    }

    /// A model field ("economy").
    func field(_ field: String) -> String {
        let names: [String: (String, String)] = [
            "economy": ("Kinh tế", "Economy"), "culture_society": ("Văn hóa – xã hội", "Culture and society"),
            "defense_security": ("Quốc phòng – an ninh", "Defence and security"),
            "political_system": ("Xây dựng hệ thống chính trị", "Political system"),
        ]
        guard let (vi, en) = names[field] else { return field }
        return language == .vi ? vi : en
    }

    /// A unit level ("district").
    func level(_ level: String) -> String {
        let names: [String: (String, String)] = [
            "province": ("tỉnh", "province"), "district": ("huyện", "district"),
            "commune": ("xã", "commune"), "village": ("thôn", "village"),
        ]
        guard let (vi, en) = names[level] else { return level }
        return language == .vi ? vi : en
    }

    /// A boundaries view ("current").
    func boundaries(_ view: String) -> String {
        switch (view, language) {
        case ("historical", .vi): return "lịch sử (mỗi số liệu tính cho đơn vị tại thời điểm phát sinh)"
        case ("historical", .en): return "historical (each figure where its unit stood on its date)"
        case (_, .vi): return "hiện tại (theo các đơn vị ngày nay)"
        default: return "current (today's units)"
        }
    }

    /// A cutoff ("decree09").
    func cutoff(_ cutoff: String) -> String {
        switch (cutoff, language) {
        case ("decree09", .vi): return "theo Nghị định 09/2019"
        case ("decree09", .en): return "Decree 09/2019 cutoff"
        case (_, .vi): return "theo năm dương lịch"
        default: return "calendar"
        }
    }

    /// A campaign's status ("active") or kind ("movement").
    func campaignWord(_ word: String) -> String {
        let names: [String: (String, String)] = [
            "active": ("đang triển khai", "active"), "closed": ("đã kết thúc", "closed"),
            "movement": ("phong trào", "movement"), "drive": ("cuộc vận động", "drive"),
            "program": ("chương trình", "program"), "special_drive": ("đợt cao điểm", "special drive"),
        ]
        guard let (vi, en) = names[word] else { return word }
        return language == .vi ? vi : en
    }

    /// A campaign target ("landM2").
    func target(_ target: String) -> String {
        let names: [String: (String, String)] = [
            "landM2": ("Đất hiến (m²)", "Land (m²)"), "fundsVnd": ("Kinh phí (đồng)", "Funds (VND)"),
            "workdays": ("Ngày công", "Workdays"), "roadsKm": ("Đường giao thông (km)", "Roads (km)"),
            "houses": ("Nhà ở", "Houses"),
        ]
        guard let (vi, en) = names[target] else { return target }
        return language == .vi ? vi : en
    }
}
