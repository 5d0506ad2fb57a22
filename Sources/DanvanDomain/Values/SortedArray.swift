extension Array where Element: Comparable {
    /// The first position whose element is `value` or greater (`count` when none is): the one
    /// binary search of the sorted indexes by day and half-month (`FigureSeries`,
    /// `HalfMonthDays`, `AnswerLedger`, a commune's model days).
    func lowerBound(of value: Element) -> Int {
        withUnsafeBufferPointer { b in
            var lo = 0, hi = b.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if b[mid] < value { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }
}
