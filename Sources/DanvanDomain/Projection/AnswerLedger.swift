/// The answered opinions of one unit (with its descendants) as (day held, day answered)
/// pairs ordered by the day held: "opinions of 2022 answered by 31/12/2022" counts the
/// pairs held in the period whose answer day is not after the given day.
///
/// Only `answeredBy` queries read it; without one, `Totals.opinionsAnswered` (by day held,
/// every answer recorded) is the figure.
struct AnswerLedger: Sendable, Equatable {
    /// Days held, ascending.
    var held: [Int32] = []
    /// `answered[i]` is the answer day of the opinion held on `held[i]`.
    var answered: [Int32] = []

    /// Records an answer (`sign` 1) or takes one back (`sign` −1, a void).
    mutating func update(held h: Day, answered a: Day, sign: Int64) {
        let hd = h.daysSinceEpoch, ad = a.daysSinceEpoch
        var i = firstIndex(atOrAfter: hd)
        if sign > 0 {
            // Ordered by day held then day answered: the same answers make the same ledger
            // whatever order they were counted in (a replay, or `Projection.settle`).
            while i < held.count, held[i] == hd, answered[i] < ad { i += 1 }
            if i == held.count {
                held.append(hd)
                answered.append(ad)
            } else {
                held.insert(hd, at: i)
                answered.insert(ad, at: i)
            }
            return
        }
        while i < held.count, held[i] == hd {
            if answered[i] == ad {
                held.remove(at: i)
                answered.remove(at: i)
                return
            }
            i += 1
        }
    }

    /// Opinions held in `period` (all when nil) answered on or before `by`.
    func count(_ period: Period?, by: Day) -> Int64 {
        var i = period?.from.map { firstIndex(atOrAfter: $0.daysSinceEpoch) } ?? 0
        let end = period?.to?.daysSinceEpoch ?? Int32.max
        let limit = by.daysSinceEpoch
        var n: Int64 = 0
        while i < held.count, held[i] <= end {
            if answered[i] <= limit { n += 1 }
            i += 1
        }
        return n
    }

    private func firstIndex(atOrAfter day: Int32) -> Int { held.lowerBound(of: day) }
}
