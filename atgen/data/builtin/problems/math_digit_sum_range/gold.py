import sys


def digit_sum_upto(n):
    """Sum of digit sums of 0..n, one decimal position at a time."""
    total = 0
    place = 1
    while place <= n:
        high, rest = divmod(n, place * 10)
        digit, low = divmod(rest, place)
        total += high * 45 * place + digit * (digit - 1) // 2 * place + digit * (low + 1)
        place *= 10
    return total


def main():
    left, right = map(int, sys.stdin.readline().split())
    print(digit_sum_upto(right) - digit_sum_upto(left - 1))


main()
