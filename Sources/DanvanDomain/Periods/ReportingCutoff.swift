/// How a named period ("2023-Q2") is cut into days.
///
/// Party reports and most others use calendar periods; periodic reports of state agencies
/// close their figures on the 14th (Nghị định 09/2019/NĐ-CP, article 12: a month runs from
/// the 15th of the month before to the 14th, a year from 15 December of the year before to
/// 14 December). A commission answers to both, so every period query can say which, and the
/// daemon has a default (`period_cutoff` in danvand.conf).
public enum ReportingCutoff: String, Sendable, Hashable, CaseIterable {
    /// Calendar months, quarters and years.
    case calendar
    /// From the 15th of the month before the period to the 14th of its last month.
    case decree09
}
