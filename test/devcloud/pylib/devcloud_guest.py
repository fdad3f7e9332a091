#!/usr/bin/python3
"""A stand-in for a guest's serial port, for the dev cloud's serial console.

libvirt exposes a guest's ttyS0 as a raw TCP socket, and nova-serialproxy
bridges its websocket to it. This server plays a cirros getty and a tiny shell
on such a socket: a login prompt (any user, no password), remote echo, Enter as
CR/LF/CRLF, backspace, ^C; commands hostname, uname [-a], whoami, echo, exit.
Output lines end in CRLF as on a tty.

Usage: devcloud_guest.py [--host 127.0.0.1] [--port 10000] [--hostname cirros]
"""
import argparse
import socketserver

UNAME = 'Linux {0} 5.15.0-71-generic #78-Ubuntu SMP x86_64 GNU/Linux'


class SerialSession(socketserver.BaseRequestHandler):

    def send(self, text):
        self.request.sendall(text.replace('\n', '\r\n').encode())

    def prompt(self):
        self.send('$ ' if self.user else '%s login: ' % self.server.hostname)

    def run(self, line):
        if not self.user:
            self.user = line or None
            return
        cmd, _, rest = line.partition(' ')
        host = self.server.hostname
        replies = {'hostname': host, 'whoami': self.user, 'uname': 'Linux',
                   'echo': rest}
        if cmd in ('exit', 'logout'):
            self.user = None
        elif cmd == 'uname' and rest == '-a':
            self.send(UNAME.format(host) + '\n')
        elif cmd in replies:
            self.send(replies[cmd] + '\n')
        elif cmd:
            self.send('-sh: %s: not found\n' % cmd)

    def handle(self):
        self.user = None
        line = bytearray()
        previous = b''
        self.send("\nlogin as 'cirros' user. default password: 'gocubsgo'.\n")
        self.prompt()
        while True:
            data = self.request.recv(1024)
            if not data:
                return
            for byte in data:
                ch = bytes([byte])
                if ch in (b'\r', b'\n'):
                    if ch == b'\n' and previous == b'\r':
                        previous = ch
                        continue
                    self.send('\n')
                    self.run(line.decode('utf-8', 'replace').strip())
                    line.clear()
                    self.prompt()
                elif ch in (b'\x7f', b'\x08'):
                    if line:
                        line.pop()
                        self.send('\b \b')
                elif ch == b'\x03':
                    line.clear()
                    self.send('^C\n')
                    self.prompt()
                elif byte >= 32:
                    line += ch
                    self.request.sendall(ch)
                previous = ch


class GuestServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=10000)
    parser.add_argument('--hostname', default='cirros')
    args = parser.parse_args()
    server = GuestServer((args.host, args.port), SerialSession)
    server.hostname = args.hostname
    server.serve_forever()
