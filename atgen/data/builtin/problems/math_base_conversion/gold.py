import sys

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def main():
    n, b = map(int, sys.stdin.readline().split())
    digits = []
    while True:
        n, d = divmod(n, b)
        digits.append(DIGITS[d])
        if n == 0:
            break
    print("".join(reversed(digits)))


main()
