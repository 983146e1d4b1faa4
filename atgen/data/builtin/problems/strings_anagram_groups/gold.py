import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    print(len({"".join(sorted(word)) for word in data[1:1 + n]}))


main()
